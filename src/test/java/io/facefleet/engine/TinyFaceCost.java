package io.facefleet.engine;

import io.facefleet.engine.image.ImageDecoder;
import io.facefleet.engine.image.RgbImage;
import io.facefleet.testing.Rounds;
import io.facefleet.testing.SeedImages;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Cost per face before and after the tiny-face crop, side by side in one run: two engines (tiny-face
 * height 0, face-api's landmark crop for every face, as before; and the default), alternating
 * rounds over the same seed variants on one thread. Prints, per engine, the median over rounds of
 * the whole pipeline (ms per face: detect, landmarks, crop, descriptor) and of the crop step alone
 * (microseconds per face). Run by tools/bench/tiny-face-cost.sh. Usage: TinyFaceCost ROUNDS IMAGES
 */
public final class TinyFaceCost {

    public static void main(String[] args) throws Exception {
        int rounds = Integer.parseInt(args[0]);
        int count = Integer.parseInt(args[1]);
        List<SeedImages.Labelled> ten = SeedImages.ten();
        ImageDecoder decoder = new ImageDecoder();
        List<RgbImage> images = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            images.add(decoder.decode(SeedImages.variant(ten, i)));
        }
        int[] heights = {0, EngineConfig.TINY_FACE_HEIGHT};
        FaceEngine[] engines = new FaceEngine[heights.length];
        for (int e = 0; e < heights.length; e++) {
            engines[e] = FaceEngine.load(EngineConfig.defaults().withTinyFaceHeight(heights[e]));
            for (int i = 0; i < 10; i++) {
                engines[e].analyze(images.get(i)); // warm-up
            }
        }
        double[][] pipelineMs = new double[heights.length][rounds];
        double[][] cropMicros = new double[heights.length][rounds];
        for (int r = 0; r < rounds; r++) {
            for (int e = 0; e < heights.length; e++) {
                int faces = 0;
                long t0 = System.nanoTime();
                List<List<Face>> found = new ArrayList<>();
                for (RgbImage img : images) {
                    List<Face> f = engines[e].analyze(img);
                    found.add(f);
                    faces += f.size();
                }
                pipelineMs[e][r] = (System.nanoTime() - t0) / 1e6 / faces;
                // the crop step alone, on the faces the pipeline found (in the unpadded image)
                long c0 = System.nanoTime();
                int crops = 0;
                for (int i = 0; i < images.size(); i++) {
                    for (Face f : found.get(i)) {
                        FaceAligner.Rect lm = FaceAligner.landmarkRect(f.detection(), images.get(i));
                        if (lm != null && DescriptorCrop.input(images.get(i), f.detection(), f.landmarks(), lm, heights[e]) != null) {
                            crops++;
                        }
                    }
                }
                cropMicros[e][r] = (System.nanoTime() - c0) / 1e3 / Math.max(1, crops);
            }
        }
        for (int e = 0; e < heights.length; e++) {
            System.out.printf(Locale.ROOT, "{\"tinyFaceHeight\":%d,\"rounds\":%d,\"images\":%d,\"pipelineMsPerFace\":%.1f,\"cropMicrosPerFace\":%.0f,\"pipelineRounds\":%s}%n",
                    heights[e], rounds, count, Rounds.median(pipelineMs[e]), Rounds.median(cropMicros[e]), Arrays.toString(Rounds.toTenths(pipelineMs[e])));
            engines[e].close();
        }
    }

}
