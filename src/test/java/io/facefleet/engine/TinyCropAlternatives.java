package io.facefleet.engine;

import io.facefleet.engine.image.ImageDecoder;
import io.facefleet.engine.image.RgbImage;
import io.facefleet.recognition.FaceService;
import io.facefleet.testing.SeedImages;
import io.facefleet.testing.TestData;
import java.util.List;
import java.util.Locale;

/**
 * What the tiny-face crop's use of the landmarks costs on the seed variants (issue 14): for the
 * variants {@code FROM .. TO-1} of the crops asked for, the largest face's descriptor from the
 * shipped crop ({@link TinyFaceCrop}: face-api's landmark square, clamped) and from the box alone
 * (side {@link TinyFaceCrop#MIN_SIDE} of the height, centred as the clamp's centre), each against
 * the ten crops enrolled the same way; prints the variants either names wrong (nearest example,
 * under 0.6) and the counts. A measurement, not a proposal: the box alone names fewer faces of real
 * photos scaled down (docs/decisions.md, issue 15).
 * Usage: TinyCropAlternatives FROM TO CROP...   (crop indices 0-9; none: all ten)
 */
public final class TinyCropAlternatives {

    private TinyCropAlternatives() {
    }

    public static void main(String[] args) {
        int from = Integer.parseInt(args[0]);
        int to = Integer.parseInt(args[1]);
        boolean[] crops = new boolean[10];
        for (int k = 2; k < args.length; k++) {
            crops[Integer.parseInt(args[k])] = true;
        }
        if (args.length == 2) {
            java.util.Arrays.fill(crops, true);
        }
        List<SeedImages.Labelled> ten = SeedImages.ten();
        ImageDecoder decoder = new ImageDecoder();
        try (FaceEngine engine = TestData.engine()) {
            float[][][] enrolled = new float[10][][];
            for (int k = 0; k < 10; k++) {
                enrolled[k] = descriptors(engine, decoder.decode(ten.get(k).bytes()));
            }
            int sent = 0;
            int[] wrong = new int[2];
            for (int i = from; i < to; i++) {
                if (!crops[i % 10]) {
                    continue;
                }
                sent++;
                float[][] d = descriptors(engine, decoder.decode(SeedImages.variant(ten, i)));
                for (int way = 0; way < 2; way++) {
                    String named = name(d[way], enrolled, way, ten);
                    if (!named.startsWith(ten.get(i % 10).label() + " ")) {
                        wrong[way]++;
                        System.out.printf(Locale.ROOT, "%s: variant %d of %s (%s) named %s%n",
                                way == 0 ? "shipped" : "box alone", i, ten.get(i % 10).stem(), ten.get(i % 10).label(), named);
                    }
                }
            }
            System.out.printf(Locale.ROOT, "%d variants: shipped crop %d wrong, box alone %d wrong%n", sent, wrong[0], wrong[1]);
        }
    }

    private static String name(float[] d, float[][][] enrolled, int way, List<SeedImages.Labelled> ten) {
        float best = Float.POSITIVE_INFINITY;
        String label = "Unknown";
        for (int k = 0; k < 10; k++) {
            float dist = SeedVariantLabels.distance(d, enrolled[k][way]);
            if (dist < best) {
                best = dist;
                label = ten.get(k).label();
            }
        }
        return String.format(Locale.ROOT, "%s at %.3f", best < SeedVariantLabels.THRESHOLD ? label : "Unknown", best);
    }

    /** The largest face's descriptor from the shipped crop and from the box alone. */
    private static float[][] descriptors(FaceEngine engine, RgbImage img) {
        Face f = FaceService.largestFirst(engine.analyze(img)).get(0);
        Detection b = f.detection();
        double h = b.height();
        double side = TinyFaceCrop.MIN_SIDE * h;
        double cx = b.x() + b.width() / 2.0;
        double cy = b.y() + h / 2.0 + TinyFaceCrop.CENTRE_DROP * h;
        float[] boxAlone = TinyFaceCrop.sample(img, cx - side / 2, cy - side / 2, side, 150);
        float[] shipped = TinyFaceCrop.descriptorInput(img, b, f.landmarks());
        return engine.recognitionNet().forwardPixels(List.of(shipped, boxAlone));
    }
}
