package io.facefleet.engine;

import io.facefleet.engine.image.ImageDecoder;
import io.facefleet.engine.image.ImageOps;
import io.facefleet.engine.image.RgbImage;
import io.facefleet.engine.nets.ProfileSwitches;
import io.facefleet.engine.nets.SsdMobilenetV1;
import io.facefleet.engine.nets.SsdMobilenetV1.Window;
import io.facefleet.engine.nets.SsdMobilenetV1.WindowPadding;
import io.facefleet.testing.DemoFaces;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Detector cost per image at each window side (docs/benchmarks.md), in one JVM on one thread: the
 * SSD's forward pass and decoding on a window of a demo photo's 512 input, median of several
 * rounds. Then the options for a seed-sized image: a 256 window alone, four of them in one batch,
 * and one full 512 pass per four images (what tiling four 256 squares into one canvas would cost);
 * and the rectangles a landscape photo takes (512 wide, 416-480 high; "input" is their height),
 * zero-padded and with the black context the engine gives them, as border bands and (a second
 * detector) dense as before, with each window's context bytes both ways.
 * Usage: DetectorSizeTiming [ROUNDS] [PASSES_PER_ROUND]
 */
public final class DetectorSizeTiming {

    private static final int[] SIZES = {128, 192, 256, 320, 384, 448, 512};
    private static final int[] RECTANGLE_HEIGHTS = {416, 448, 480};

    private DetectorSizeTiming() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int passes = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        try (FaceEngine engine = FaceEngine.load(EngineConfig.defaults());
             FaceEngine before = FaceEngine.load(EngineConfig.defaults())) {
            SsdMobilenetV1 detector = engine.detector();
            // the black context kept and added over whole maps, as before its border bands
            SsdMobilenetV1 dense = before.detector();
            ProfileSwitches.denseBlackContext(dense, true);
            RgbImage photo = ImageOps.padToSquare(new ImageDecoder().decode(Files.readAllBytes(DemoFaces.photo(1))), false);
            List<String> names = new ArrayList<>();
            List<int[]> shapes = new ArrayList<>();
            List<Runnable> calls = new ArrayList<>();
            List<String> contextBytes = new ArrayList<>();
            for (int size : SIZES) {
                Window w = new Window(size, 0, 0);
                float[] input = ImageOps.resizeBilinear(photo, SsdMobilenetV1.INPUT_SIZE, 0, 0, size);
                names.add("window " + size);
                shapes.add(new int[] {size, 1});
                calls.add(() -> detector.forwardPixels(List.of(input), w));
            }
            // a 1920x1280 photo's rectangle (margin 64), and the taller ones of the other demo photos
            for (int height : RECTANGLE_HEIGHTS) {
                Window w = new Window(SsdMobilenetV1.INPUT_SIZE, height, 0, 0);
                float[] input = ImageOps.resizeBilinear(photo, SsdMobilenetV1.INPUT_SIZE, 0, 0, SsdMobilenetV1.INPUT_SIZE,
                        height);
                names.add("rectangle 512x" + height);
                shapes.add(new int[] {height, 1});
                calls.add(() -> detector.forwardPixels(List.of(input), w));
                // as the engine runs it: the black context's adds on the window's convs
                names.add("rectangle 512x" + height + ", black context");
                shapes.add(new int[] {height, 1});
                calls.add(() -> detector.forwardPixels(List.of(input), w, WindowPadding.BLACK));
                names.add("rectangle 512x" + height + ", black context dense (before)");
                shapes.add(new int[] {height, 1});
                calls.add(() -> dense.forwardPixels(List.of(input), w, WindowPadding.BLACK));
                contextBytes.add(String.format(Locale.ROOT, "{\"what\":\"context bytes\",\"window\":\"512x%d\",\"bands\":%d,"
                        + "\"dense\":%d}", height, detector.blackContextBytes(w), dense.blackContextBytes(w)));
            }
            // a seed-sized image's square (margin 32), as the engine runs it, bands and dense
            Window seed = new Window(192, 160, 160);
            float[] seedInput = ImageOps.resizeBilinear(photo, SsdMobilenetV1.INPUT_SIZE, 160, 160, 192);
            names.add("window 192 at 160,160, black context");
            shapes.add(new int[] {192, 1});
            calls.add(() -> detector.forwardPixels(List.of(seedInput), seed, WindowPadding.BLACK));
            names.add("window 192 at 160,160, black context dense (before)");
            shapes.add(new int[] {192, 1});
            calls.add(() -> dense.forwardPixels(List.of(seedInput), seed, WindowPadding.BLACK));
            contextBytes.add(String.format(Locale.ROOT, "{\"what\":\"context bytes\",\"window\":\"192 at 160,160\",\"bands\":%d,"
                    + "\"dense\":%d}", detector.blackContextBytes(seed), dense.blackContextBytes(seed)));
            Window w256 = new Window(256, 0, 0);
            float[] tile = ImageOps.resizeBilinear(photo, SsdMobilenetV1.INPUT_SIZE, 0, 0, 256);
            List<float[]> four = List.of(tile, tile, tile, tile);
            names.add("256 windows, batch of 4");
            shapes.add(new int[] {256, 4});
            calls.add(() -> detector.forwardPixels(four, w256));
            float[] full = ImageOps.resizeBilinear(photo, SsdMobilenetV1.INPUT_SIZE);
            names.add("one 512 canvas per 4 tiles");
            shapes.add(new int[] {512, 4});
            calls.add(() -> detector.forwardPixels(List.of(full)));
            for (Runnable c : calls) {
                c.run();
                c.run();
            }
            // rounds outside, configurations inside: a change in the machine's load hits them all alike
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            double[][] ms = new double[calls.size()][rounds];
            double[][] cpuMs = new double[calls.size()][rounds];
            for (int r = 0; r < rounds; r++) {
                for (int c = 0; c < calls.size(); c++) {
                    long t0 = System.nanoTime();
                    long cpu0 = threads.getCurrentThreadCpuTime();
                    for (int p = 0; p < passes; p++) {
                        calls.get(c).run();
                    }
                    cpuMs[c][r] = (threads.getCurrentThreadCpuTime() - cpu0) / 1e6 / passes / shapes.get(c)[1];
                    ms[c][r] = (System.nanoTime() - t0) / 1e6 / passes / shapes.get(c)[1];
                }
            }
            for (int c = 0; c < calls.size(); c++) {
                print(names.get(c), shapes.get(c)[0], shapes.get(c)[1], ms[c], cpuMs[c]);
            }
            contextBytes.forEach(System.out::println);
        }
    }

    /** Wall and thread CPU ms per image: medians and every round's. */
    private static void print(String what, int size, int batch, double[] ms, double[] cpuMs) {
        System.out.printf(Locale.ROOT, "{\"what\":\"%s\",\"input\":%d,\"batch\":%d,\"msPerImageMedian\":%.1f,\"rounds\":[%s],"
                        + "\"cpuMsPerImageMedian\":%.1f,\"cpuRounds\":[%s]}%n",
                what, size, batch, median(ms), rounds(ms), median(cpuMs), rounds(cpuMs));
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static String rounds(double[] values) {
        List<String> out = new ArrayList<>();
        for (double m : values) {
            out.add(String.format(Locale.ROOT, "%.1f", m));
        }
        return String.join(",", out);
    }
}
