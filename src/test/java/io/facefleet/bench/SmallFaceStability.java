package io.facefleet.bench;

import io.facefleet.engine.EngineConfig;
import io.facefleet.engine.FaceEngine;
import io.facefleet.engine.image.ImageDecoder;
import io.facefleet.gallery.Gallery;
import io.facefleet.recognition.FaceService;
import io.facefleet.testing.SeedImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The seed's ten crops enrolled, then {@code COUNT} variants of them (shifted, brightened or
 * darkened, re-encoded: {@link SeedImages#variant}) named through the face service, as
 * {@code POST /} names them (the largest face's subject, or Unknown). Prints every miss and one
 * JSON line with the count named right and the time per image. Run by
 * tools/bench/small-faces.sh. Usage: SmallFaceStability COUNT [THREADS]
 */
public final class SmallFaceStability {

    /** What one run found: images named right of those sent, the misses, and engine ms per image. */
    public record Result(int right, int total, List<String> misses, double msPerImage) {
    }

    public static void main(String[] args) throws Exception {
        int count = Integer.parseInt(args[0]);
        int tiny = Integer.getInteger("facefleet.engine.tiny-face-height", EngineConfig.TINY_FACE_HEIGHT);
        try (FaceEngine engine = FaceEngine.load(EngineConfig.defaults().withTinyFaceHeight(tiny)
                .withDetectorWindowMargin(io.facefleet.testing.TestData.detectorWindowMargin())
                .withDetectorWindowPadding(io.facefleet.testing.TestData.detectorWindowPadding()))) {
            Result r = run(engine, count, args.length > 1 ? Integer.parseInt(args[1]) : 1);
            r.misses().forEach(System.out::println);
            System.out.printf(Locale.ROOT, "{\"right\":%d,\"total\":%d,\"msPerImage\":%.1f}%n", r.right(), r.total(), r.msPerImage());
        }
    }

    /**
     * Enrols the ten crops in a fresh gallery, then names {@code count} variants from
     * {@code threads} threads; the time per image is wall time times threads over count.
     */
    public static Result run(FaceEngine engine, int count, int threads) throws Exception {
        Path data = Files.createTempDirectory("small-faces");
        try {
            FaceService service = new FaceService(new ImageDecoder(), engine, Gallery.open(data, 0.6f));
            List<SeedImages.Labelled> ten = SeedImages.ten();
            for (SeedImages.Labelled l : ten) {
                service.enroll(l.label(), l.bytes(), l.stem());
            }
            String[] got = new String[count];
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            long t0 = System.nanoTime();
            try {
                List<Future<?>> jobs = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int first = t;
                    jobs.add(pool.submit(() -> {
                        for (int i = first; i < count; i += threads) {
                            List<FaceService.IdentifiedFace> faces = service.identify(SeedImages.variant(ten, i));
                            got[i] = faces.isEmpty() ? "no face" : String.format(Locale.ROOT, "%s at %.3f",
                                    faces.get(0).match().labelOr("Unknown"), faces.get(0).match().distance());
                        }
                        return null;
                    }));
                }
                for (Future<?> f : jobs) {
                    f.get();
                }
            } finally {
                pool.shutdownNow();
            }
            long nanos = (System.nanoTime() - t0) * threads;
            int right = 0;
            List<String> misses = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                SeedImages.Labelled want = ten.get(i % ten.size());
                if (got[i].startsWith(want.label() + " at ")) {
                    right++;
                } else {
                    misses.add("miss: variant " + i + " of " + want.stem() + " (" + want.label() + ") named " + got[i]);
                }
            }
            return new Result(right, count, misses, nanos / 1e6 / count);
        } finally {
            try (var files = Files.walk(data)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
