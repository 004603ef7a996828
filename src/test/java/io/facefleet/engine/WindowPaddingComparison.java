package io.facefleet.engine;

import io.facefleet.engine.image.ImageDecoder;
import io.facefleet.engine.image.ImageOps;
import io.facefleet.engine.image.RgbImage;
import io.facefleet.engine.nets.ProfileSwitches;
import io.facefleet.engine.nets.SsdMobilenetV1;
import io.facefleet.engine.nets.SsdMobilenetV1.Window;
import io.facefleet.engine.nets.SsdMobilenetV1.WindowPadding;
import io.facefleet.testing.DemoFaces;
import io.facefleet.testing.SeedImages;
import io.facefleet.testing.SeedSizedFaces;
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
 * The detector window's padding against the full 512 pass (docs/benchmarks.md, docs/decisions.md):
 * for margins 0, 32 and 64, with each conv's zero padding and with the black pass's context, the
 * largest box-corner error (px of the 64x64 image) and score difference over the faces both find,
 * and the faces the window loses or gains. Two image sets: the seed's ten crops and variants
 * 0..VARIANTS-1 (when the shared datasets are there), and the demo photos' faces cut to 64x64.
 * Deterministic. Then the thread CPU time of one window pass per margin and padding, median of
 * ROUNDS rounds of PASSES passes, and its ratio to the full pass's, measured in the same run.
 * Usage: WindowPaddingComparison [VARIANTS] [ROUNDS] [PASSES]
 */
public final class WindowPaddingComparison {

    private static final int[] MARGINS = {0, 32, 64};
    private static final double SAME_FACE_IOU = 0.5;

    private WindowPaddingComparison() {
    }

    public static void main(String[] args) throws Exception {
        int variants = args.length > 0 ? Integer.parseInt(args[0]) : 90;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int passes = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        ImageDecoder decoder = new ImageDecoder();
        try (FaceEngine full = FaceEngine.load(EngineConfig.defaults().withDetectorWindowMargin(-1))) {
            Map<String, List<RgbImage>> sets = new LinkedHashMap<>();
            sets.put("demo faces at 64x64", demoFaces(full, decoder));
            Path seed = io.facefleet.testing.TestData.datasets().resolve("cse546/face_images_100");
            if (Files.isDirectory(seed)) {
                List<SeedImages.Labelled> ten = SeedImages.ten();
                List<RgbImage> images = new ArrayList<>();
                for (SeedImages.Labelled l : ten) {
                    images.add(decoder.decode(l.bytes()));
                }
                for (int i = 0; i < variants; i++) {
                    images.add(decoder.decode(SeedImages.variant(ten, i)));
                }
                sets.put("seed crops and " + variants + " variants", images);
            }
            Map<String, List<List<Detection>>> reference = new LinkedHashMap<>();
            sets.forEach((name, images) -> reference.put(name, images.stream().map(full::detect).toList()));
            for (int margin : MARGINS) {
                for (WindowPadding padding : WindowPadding.values()) {
                    try (FaceEngine windowed = FaceEngine.load(EngineConfig.defaults().withDetectorWindowMargin(margin)
                            .withDetectorWindowPadding(padding))) {
                        for (Map.Entry<String, List<RgbImage>> set : sets.entrySet()) {
                            compare(set.getKey(), margin, padding, set.getValue(), reference.get(set.getKey()), windowed);
                        }
                    }
                }
            }
            try (FaceEngine before = FaceEngine.load(EngineConfig.defaults())) {
                // the black context kept and added over whole maps, as before its border bands
                ProfileSwitches.denseBlackContext(before.detector(), true);
                time(full.detector(), before.detector(), rounds, passes);
            }
        }
    }

    private static List<RgbImage> demoFaces(FaceEngine full, ImageDecoder decoder) throws Exception {
        List<RgbImage> out = new ArrayList<>();
        for (int n = 1; n <= 6; n++) {
            RgbImage photo = decoder.decode(Files.readAllBytes(DemoFaces.photo(n)));
            for (Detection face : full.detect(photo)) {
                out.add(SeedSizedFaces.of(photo, face));
            }
        }
        return out;
    }

    private static void compare(String set, int margin, WindowPadding padding, List<RgbImage> images,
                                List<List<Detection>> reference, FaceEngine windowed) {
        double corner = 0;
        double score = 0;
        int faces = 0;
        int lost = 0;
        int gained = 0;
        for (int i = 0; i < images.size(); i++) {
            List<Detection> want = reference.get(i);
            List<Detection> got = new ArrayList<>(windowed.detect(images.get(i)));
            for (Detection w : want) {
                Detection best = null;
                double bestIou = SAME_FACE_IOU;
                for (Detection g : got) {
                    double iou = iou(w, g);
                    if (iou > bestIou) {
                        bestIou = iou;
                        best = g;
                    }
                }
                if (best == null) {
                    lost++;
                    continue;
                }
                got.remove(best);
                faces++;
                corner = Math.max(corner, Math.max(Math.max(Math.abs(w.x() - best.x()), Math.abs(w.y() - best.y())),
                        Math.max(Math.abs(w.x() + w.width() - best.x() - best.width()),
                                Math.abs(w.y() + w.height() - best.y() - best.height()))));
                score = Math.max(score, Math.abs(w.score() - best.score()));
            }
            gained += got.size();
        }
        System.out.printf(Locale.ROOT, "{\"set\":\"%s\",\"images\":%d,\"margin\":%d,\"padding\":\"%s\",\"faces\":%d,"
                        + "\"maxCornerPx\":%.4f,\"maxScoreDiff\":%.4f,\"lost\":%d,\"gained\":%d}%n",
                set, images.size(), margin, padding.name().toLowerCase(Locale.ROOT), faces, corner, score, lost, gained);
    }

    private static double iou(Detection a, Detection b) {
        double w = Math.min(a.x() + a.width(), b.x() + b.width()) - Math.max(a.x(), b.x());
        double h = Math.min(a.y() + a.height(), b.y() + b.height()) - Math.max(a.y(), b.y());
        if (w <= 0 || h <= 0) {
            return 0;
        }
        double inter = w * h;
        return inter / (a.width() * a.height() + b.width() * b.height() - inter);
    }

    /**
     * One pass per window (a 64x64 image's, per margin) and padding, and the full pass: thread CPU
     * ms; the black context also on {@code dense}, whose contexts are kept over whole maps.
     */
    private static void time(SsdMobilenetV1 detector, SsdMobilenetV1 dense, int rounds, int passes) throws Exception {
        RgbImage photo = ImageOps.padToSquare(new ImageDecoder().decode(Files.readAllBytes(DemoFaces.photo(1))), false);
        List<String> names = new ArrayList<>();
        List<Runnable> calls = new ArrayList<>();
        List<String> contextBytes = new ArrayList<>();
        float[] fullInput = ImageOps.resizeBilinear(photo, SsdMobilenetV1.INPUT_SIZE);
        names.add("full 512");
        calls.add(() -> detector.forwardPixels(List.of(fullInput)));
        for (int margin : MARGINS) {
            // a 64x64 image padded into 256 fills the centre 128x128 of the 512 input
            Window w = DetectorWindow.around(192, 192, 320, 320, margin);
            float[] input = ImageOps.resizeBilinear(photo, SsdMobilenetV1.INPUT_SIZE, w.originX(), w.originY(), w.width());
            for (WindowPadding padding : WindowPadding.values()) {
                names.add("margin " + margin + " (window " + w.width() + ") " + padding.name().toLowerCase(Locale.ROOT));
                calls.add(() -> detector.forwardPixels(List.of(input), w, padding));
            }
            names.add("margin " + margin + " (window " + w.width() + ") black, dense context (before)");
            calls.add(() -> dense.forwardPixels(List.of(input), w, WindowPadding.BLACK));
            contextBytes.add(String.format(Locale.ROOT, "{\"what\":\"context bytes\",\"window\":\"%d at %d,%d\","
                    + "\"bands\":%d,\"dense\":%d}", w.width(), w.originX(), w.originY(), detector.blackContextBytes(w),
                    dense.blackContextBytes(w)));
        }
        for (Runnable c : calls) {
            c.run();
            c.run();
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        // rounds outside, configurations inside: a change in the machine's load hits them all alike
        double[][] ms = new double[calls.size()][rounds];
        for (int r = 0; r < rounds; r++) {
            for (int c = 0; c < calls.size(); c++) {
                long t0 = threads.getCurrentThreadCpuTime();
                for (int p = 0; p < passes; p++) {
                    calls.get(c).run();
                }
                ms[c][r] = (threads.getCurrentThreadCpuTime() - t0) / 1e6 / passes;
            }
        }
        double fullMedian = median(ms[0]);
        for (int c = 0; c < calls.size(); c++) {
            List<String> each = new ArrayList<>();
            for (double m : ms[c]) {
                each.add(String.format(Locale.ROOT, "%.1f", m));
            }
            System.out.printf(Locale.ROOT, "{\"what\":\"%s\",\"cpuMsMedian\":%.1f,\"ofFull\":%.2f,\"rounds\":[%s]}%n",
                    names.get(c), median(ms[c]), median(ms[c]) / fullMedian, String.join(",", each));
        }
        contextBytes.forEach(System.out::println);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
