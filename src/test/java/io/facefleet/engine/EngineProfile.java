package io.facefleet.engine;

import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import io.facefleet.engine.image.ImageDecoder;
import io.facefleet.engine.image.ImageOps;
import io.facefleet.engine.image.RgbImage;
import io.facefleet.engine.nets.NchwTiming;
import io.facefleet.engine.nets.SsdDecoder;
import io.facefleet.engine.nets.SsdMobilenetV1;
import io.facefleet.engine.nets.ProfileSwitches;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where the full pipeline's time goes on the six demo photos, one thread, batching off: thread
 * CPU time per stage (decode, resizes, each net's forward, the Java-to-native packing alone),
 * medians over rounds; then each net once more under PyTorch's profiler, one Chrome trace per net
 * in OUT_DIR (tools/bench/profile-report.mjs sums them per layer kind). Run by
 * tools/bench/engine-profile.sh. Usage: EngineProfile DEMO_DIR ROUNDS OUT_DIR [VARIANTS]
 * (VARIANTS: comma-separated, default {@code engine}; {@code before} is the engine with its
 * stride-2 depthwise inputs padded by a copy and PyTorch's max_pool2d, as before this profile;
 * their rounds alternate, so a ratio is taken under the same load; traces are for the first).
 */
public final class EngineProfile {

    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    public static void main(String[] args) throws Exception {
        Path demo = Path.of(args[0]);
        int rounds = Integer.parseInt(args[1]);
        Path outDir = Path.of(args[2]);
        Files.createDirectories(outDir);
        List<byte[]> files = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            files.add(Files.readAllBytes(demo.resolve("sample" + i + ".jpg")));
        }
        String[] variants = (args.length > 3 ? args[3] : "engine").split(",");
        ImageDecoder decoder = new ImageDecoder();
        List<FaceEngine> engines = new ArrayList<>();
        for (String v : variants) {
            if (!v.equals("engine") && !v.equals("before")) {
                throw new IllegalArgumentException("variants are engine and before, not " + v);
            }
            engines.add(FaceEngine.load(EngineConfig.defaults().withBatching(1, 0)));
        }
        try (NDManager scratch = NDManager.newBaseManager()) {
            List<Map<String, double[]>> stages = new ArrayList<>();
            engines.forEach(e -> stages.add(new LinkedHashMap<>()));
            for (int r = -1; r < rounds; r++) { // round -1 warms up
                for (int v = 0; v < engines.size(); v++) {
                    before(variants[v].equals("before"));
                    Map<String, Long> t = new LinkedHashMap<>();
                    for (byte[] file : files) {
                        runOnce(engines.get(v), decoder, file, scratch, t);
                    }
                    if (r >= 0) {
                        long sum = 0;
                        for (Map.Entry<String, Long> e : t.entrySet()) {
                            stages.get(v).computeIfAbsent(e.getKey(), k -> new double[rounds])[r] = e.getValue() / 1e6 / files.size();
                            sum += e.getKey().startsWith("decode") ? 0 : e.getValue();
                        }
                        stages.get(v).computeIfAbsent("pipeline without decode", k -> new double[rounds])[r] = sum / 1e6 / files.size();
                    }
                }
            }
            for (int v = 0; v < engines.size(); v++) {
                StringBuilder json = new StringBuilder("{\"variant\":\"" + variants[v] + "\",\"rounds\":" + rounds
                        + ",\"cpuMsPerPhoto\":{");
                String sep = "";
                for (Map.Entry<String, double[]> e : stages.get(v).entrySet()) {
                    double[] vals = e.getValue();
                    Arrays.sort(vals);
                    json.append(String.format(Locale.ROOT, "%s\"%s\":%.2f", sep, e.getKey(), vals[vals.length / 2]));
                    sep = ",";
                }
                json.append("}}");
                System.out.println(json);
            }
            FaceEngine engine = engines.get(0);
            before(variants[0].equals("before"));
            // native op breakdown: each net alone under the profiler, on the same inputs
            List<RgbImage> photos = new ArrayList<>();
            for (byte[] f : files) {
                photos.add(decoder.decode(f));
            }
            traced(outDir, "detector", rounds, photos.size(), () -> {
                for (RgbImage img : photos) {
                    engine.detector().forwardPixels(List.of(detectorInput(img)));
                }
            });
            List<List<float[]>> lm = new ArrayList<>();
            List<List<float[]>> desc = new ArrayList<>();
            for (RgbImage img : photos) {
                Inputs in = inputs(engine, img);
                lm.add(in.landmarks);
                desc.add(in.descriptors);
            }
            traced(outDir, "landmarks", rounds, photos.size(), () -> lm.forEach(b -> engine.landmarkNet().forwardPixels(b)));
            traced(outDir, "recognition", rounds, photos.size(), () -> desc.forEach(b -> engine.recognitionNet().forwardPixels(b)));
        } finally {
            engines.forEach(FaceEngine::close);
        }
    }

    private static void before(boolean on) {
        ProfileSwitches.explicitPadding(on);
        ProfileSwitches.directMaxPool(on);
    }

    private record Inputs(List<float[]> landmarks, List<float[]> descriptors) {
    }

    private static Inputs inputs(FaceEngine engine, RgbImage img) {
        List<Detection> ds = engine.detect(img);
        List<float[]> lm = new ArrayList<>();
        List<FaceAligner.Rect> rects = new ArrayList<>();
        List<Detection> kept = new ArrayList<>();
        for (Detection d : ds) {
            FaceAligner.Rect r = FaceAligner.landmarkRect(d, img);
            if (r != null) {
                rects.add(r);
                kept.add(d);
                lm.add(FaceAligner.landmarkInput(img, r));
            }
        }
        float[][] out = engine.landmarkNet().forwardPixels(lm);
        List<float[]> desc = new ArrayList<>();
        for (int i = 0; i < out.length; i++) {
            float[][] points = FaceAligner.decodeLandmarks(out[i], rects.get(i), kept.get(i));
            float[] in = DescriptorCrop.input(img, kept.get(i), points, rects.get(i), engine.config().tinyFaceHeight());
            if (in != null) {
                desc.add(in);
            }
        }
        return new Inputs(lm, desc);
    }

    /** One photo through the pipeline, stage by stage, adding each stage's thread CPU ns to {@code t}. */
    private static void runOnce(FaceEngine engine, ImageDecoder decoder, byte[] file, NDManager scratch,
                                Map<String, Long> t) {
        long c = cpu();
        RgbImage img = decoder.decode(file);
        c = lap(t, "decode (Java)", c);
        float[] input = detectorInput(img);
        c = lap(t, "detector input: pad + resize to 512 (Java)", c);
        NchwTiming.pack(scratch, List.of(input), SsdMobilenetV1.INPUT_SIZE);
        c = lap(t, "detector input: NCHW pack + copy to native (Java)", c);
        SsdMobilenetV1.SsdOutput out = engine.detector().forwardPixels(List.of(input)).get(0);
        c = lap(t, "detector forward (incl. pack, copy back, box decode)", c);
        List<Detection> ds = SsdDecoder.detections(out, img.width(), img.height(),
                engine.config().minConfidence(), engine.config().maxResults());
        c = lap(t, "detector NMS (Java)", c);
        List<float[]> lm = new ArrayList<>();
        List<FaceAligner.Rect> rects = new ArrayList<>();
        for (Detection d : ds) {
            FaceAligner.Rect r = FaceAligner.landmarkRect(d, img);
            rects.add(r);
            lm.add(FaceAligner.landmarkInput(img, r));
        }
        c = lap(t, "landmark inputs: crop + resize to 112 (Java)", c);
        NchwTiming.pack(scratch, lm, 112);
        c = lap(t, "landmark inputs: NCHW pack + copy to native (Java)", c);
        float[][] marks = engine.landmarkNet().forwardPixels(lm);
        c = lap(t, "landmark forward, batch = faces of the photo", c);
        List<float[]> desc = new ArrayList<>();
        for (int i = 0; i < ds.size(); i++) {
            float[][] points = FaceAligner.decodeLandmarks(marks[i], rects.get(i), ds.get(i));
            float[] in = DescriptorCrop.input(img, ds.get(i), points, rects.get(i), engine.config().tinyFaceHeight());
            if (in != null) {
                desc.add(in);
            }
        }
        c = lap(t, "descriptor inputs: crop + resize to 150 (Java)", c);
        NchwTiming.pack(scratch, desc, 150);
        c = lap(t, "descriptor inputs: NCHW pack + copy to native (Java)", c);
        engine.recognitionNet().forwardPixels(desc);
        lap(t, "recognition forward, batch = faces of the photo", c);
    }

    private static float[] detectorInput(RgbImage img) {
        // a photo fills the detector's whole 512 input (no window), as FaceEngine runs it
        return ImageOps.resizeBilinear(ImageOps.padToSquare(img, false), SsdMobilenetV1.INPUT_SIZE);
    }

    private static long cpu() {
        return CPU.getCurrentThreadCpuTime();
    }

    private static long lap(Map<String, Long> t, String stage, long since) {
        long now = cpu();
        t.merge(stage, now - since, Long::sum);
        return now;
    }

    /**
     * {@code work} (one net on all photos): its thread CPU time per layer kind, medians over
     * rounds, per photo, printed as a JSON line; then once under PyTorch's profiler into DIR/NET.json.
     */
    private static void traced(Path dir, String net, int rounds, int photos, Runnable work) {
        work.run(); // warm
        Map<String, double[]> kinds = new LinkedHashMap<>();
        for (int r = 0; r < rounds; r++) {
            ProfileSwitches.opClock(true);
            try {
                work.run();
            } finally {
                ProfileSwitches.opClock(false);
            }
            for (Map.Entry<String, Long> e : ProfileSwitches.drainOpClock().entrySet()) {
                kinds.computeIfAbsent(e.getKey(), k -> new double[rounds])[r] = e.getValue() / 1e6 / photos;
            }
        }
        StringBuilder json = new StringBuilder("{\"net\":\"" + net + "\",\"cpuMsPerPhotoByKind\":{");
        String sep = "";
        for (Map.Entry<String, double[]> e : kinds.entrySet()) {
            double[] v = e.getValue();
            Arrays.sort(v);
            if (v[v.length - 1] == 0) {
                continue; // a kind of another net
            }
            json.append(String.format(Locale.ROOT, "%s\"%s\":%.3f", sep, e.getKey(), v[v.length / 2]));
            sep = ",";
        }
        System.out.println(json.append("}}"));
        Path file = dir.resolve(net + ".json");
        JniUtils.startProfile(false, true, false);
        try {
            work.run();
        } finally {
            JniUtils.stopProfile(file.toAbsolutePath().toString());
        }
    }
}
