package io.facefleet.engine;

import io.facefleet.engine.image.ImageDecoder;
import io.facefleet.engine.image.RgbImage;
import io.facefleet.engine.nets.SsdMobilenetV1;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Engine throughput on the six demo photos of the face-api.js package: descriptors/s at batch 1,
 * 8 and 32 with N worker threads, detections/s, and whole-pipeline photos/s. Run by
 * tools/bench/engine-bench.sh (which sets PyTorch's intra-op threads); prints one JSON line.
 * Usage: EngineBenchmark DEMO_DIR WORKERS ROUNDS
 */
public final class EngineBenchmark {

    public static void main(String[] args) throws Exception {
        Path demo = Path.of(args[0]);
        int workers = Integer.parseInt(args[1]);
        int rounds = Integer.parseInt(args[2]);
        ImageDecoder decoder = new ImageDecoder();
        List<RgbImage> photos = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            photos.add(decoder.decode(Files.readAllBytes(demo.resolve("sample" + i + ".jpg"))));
        }
        StringBuilder json = new StringBuilder();
        // batching off for the per-stage figures: each call is exactly one forward pass
        try (FaceEngine engine = FaceEngine.load(EngineConfig.defaults().withBatching(1, 0))) {
            List<float[]> faces = faceInputs(engine, photos);
            json.append(String.format(Locale.ROOT, "{\"workers\":%d,\"intraOpThreads\":%s,\"faces\":%d",
                    workers, System.getProperty("ai.djl.pytorch.num_threads", "default"), faces.size()));
            for (int batch : new int[] {1, 8, 32}) {
                double perSecond = throughput(workers, rounds, batch, () -> {
                    List<float[]> in = new ArrayList<>(batch);
                    for (int i = 0; i < batch; i++) {
                        in.add(faces.get(i % faces.size()));
                    }
                    engine.recognitionNet().forwardPixels(in);
                });
                json.append(String.format(Locale.ROOT, ",\"descriptorsPerSecondBatch%d\":%.1f", batch, perSecond));
            }
            double detections = throughput(workers, rounds, 1, () -> engine.detect(photos.get(0)));
            json.append(String.format(Locale.ROOT, ",\"detectionImagesPerSecond\":%.2f", detections));
            double landmarks = throughput(workers, rounds, 8, () -> {
                List<float[]> in = new ArrayList<>(8);
                for (int i = 0; i < 8; i++) {
                    in.add(landmarkInput(faces, i));
                }
                engine.landmarkNet().forwardPixels(in);
            });
            json.append(String.format(Locale.ROOT, ",\"landmarksPerSecondBatch8\":%.1f", landmarks));
        }
        // whole pipeline with dynamic batching on, as the service runs it
        try (FaceEngine engine = FaceEngine.load(EngineConfig.defaults())) {
            int[] next = {0};
            double photosPerSecond = throughput(workers, rounds, 1, () -> {
                RgbImage img;
                synchronized (next) {
                    img = photos.get(next[0]++ % photos.size());
                }
                engine.analyze(img);
            });
            double cpuMs = processCpuMsPerCall(rounds, 6, () -> {
                RgbImage img;
                synchronized (next) {
                    img = photos.get(next[0]++ % photos.size());
                }
                engine.analyze(img);
            });
            json.append(String.format(Locale.ROOT,
                    ",\"pipelinePhotosPerSecond\":%.2f,\"pipelineMsPerPhoto\":%.1f,\"pipelineCpuMsPerPhoto\":%.1f}",
                    photosPerSecond, 1000 / photosPerSecond, cpuMs));
        }
        System.out.println(json);
    }

    private static List<float[]> faceInputs(FaceEngine engine, List<RgbImage> photos) {
        List<float[]> inputs = new ArrayList<>();
        for (RgbImage img : photos) {
            for (Detection d : engine.detect(img)) {
                FaceAligner.Rect r = FaceAligner.landmarkRect(d, img);
                RgbImage crop = io.facefleet.engine.image.ImageOps.crop(img, r.x(), r.y(), r.width(), r.height());
                inputs.add(io.facefleet.engine.image.ImageOps.resizeBilinear(
                        io.facefleet.engine.image.ImageOps.padToSquare(crop, true), 150));
            }
        }
        return inputs;
    }

    private static float[] landmarkInput(List<float[]> faces150, int i) {
        // any 112x112 face pixels will do for timing: the top-left of a 150 crop
        float[] src = faces150.get(i % faces150.size());
        float[] out = new float[112 * 112 * 3];
        for (int y = 0; y < 112; y++) {
            System.arraycopy(src, y * 150 * 3, out, y * 112 * 3, 112 * 3);
        }
        return out;
    }

    /** Items per second: median over rounds of {@code workers} threads each running the task. */
    private static double throughput(int workers, int rounds, int itemsPerCall, ThrowingRunnable task) throws Exception {
        int callsPerWorker = Math.max(2, 64 / itemsPerCall);
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            runRound(pool, workers, 2, task); // warm-up
            double[] rates = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                long t0 = System.nanoTime();
                runRound(pool, workers, callsPerWorker, task);
                double seconds = (System.nanoTime() - t0) / 1e9;
                rates[r] = (double) workers * callsPerWorker * itemsPerCall / seconds;
            }
            Arrays.sort(rates);
            return rates[rounds / 2];
        } finally {
            pool.shutdown();
        }
    }

    /**
     * Process CPU ms per call (every thread: the caller, the batchers, PyTorch's), median over
     * rounds of {@code calls} calls on this thread: what a photo costs whatever else the machine runs.
     */
    private static double processCpuMsPerCall(int rounds, int calls, ThrowingRunnable task) throws Exception {
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        double[] ms = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            long c0 = os.getProcessCpuTime();
            for (int c = 0; c < calls; c++) {
                task.run();
            }
            ms[r] = (os.getProcessCpuTime() - c0) / 1e6 / calls;
        }
        Arrays.sort(ms);
        return ms[rounds / 2];
    }

    private static void runRound(ExecutorService pool, int workers, int calls, ThrowingRunnable task) throws Exception {
        List<Future<?>> fs = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            fs.add(pool.submit(() -> {
                for (int c = 0; c < calls; c++) {
                    task.run();
                }
                return null;
            }));
        }
        for (Future<?> f : fs) {
            f.get();
        }
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }
}
