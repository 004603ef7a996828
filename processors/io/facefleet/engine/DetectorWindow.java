package io.facefleet.engine;

import io.facefleet.engine.nets.SsdMobilenetV1;
import io.facefleet.engine.nets.SsdMobilenetV1.Window;

/**
 * Where the detector needs to look: the rectangle of its 512 input that holds the image's own pixels
 * with a black margin around them, the rest being padding. A 64x64 image padded into a 256 square
 * and blown up to 512 fills only 128x128 of that input; with the default 32 px margin its window is
 * 192x192 (a seventh of the cost) and the pass on it, padded with the black context beyond its
 * edge, finds the same faces. A 1920x1280 photo padded to a square fills 512x341 (the padding
 * below it); a window that is not a square, padded with the black context too, takes at least
 * {@link #RECTANGLE_MARGIN} px of margin: 512x416 (docs/decisions.md, docs/benchmarks.md).
 */
final class DetectorWindow {

    private static final int STEP = SsdMobilenetV1.INPUT_STEP;
    private static final int FRAME = SsdMobilenetV1.INPUT_SIZE;

    private DetectorWindow() {
    }

    /**
     * Margin a rectangle (a photo's rows) takes at least with the black context. A photo's faces are
     * large, found by the coarse layers, whose cells see far beyond the window: what the full pass
     * has there is the image's own influence, which a context made on black does not hold. Measured
     * on demo photo cuts with a face at the lower edge: 43 px of window below the image moved boxes
     * up to 49.6 px, 50 px up to 0.37 px, 70-82 px (this margin) none (docs/benchmarks.md).
     */
    static final int RECTANGLE_MARGIN = 64;

    /**
     * The window for image pixels spanning [{@code x0}, {@code x1}) x [{@code y0}, {@code y1}),
     * as {@link #around(double, double, double, double, int)}, for a pass padded with {@code padding}:
     * with black padding a square window takes {@code margin}, one that is not square at least
     * {@link #RECTANGLE_MARGIN}; with zero padding every window takes {@code margin} as set.
     */
    static Window around(double x0, double y0, double x1, double y1, int margin, SsdMobilenetV1.WindowPadding padding) {
        Window w = around(x0, y0, x1, y1, margin);
        if (padding == SsdMobilenetV1.WindowPadding.BLACK && !w.square() && margin < RECTANGLE_MARGIN) {
            return around(x0, y0, x1, y1, RECTANGLE_MARGIN);
        }
        return w;
    }

    /**
     * The window for image pixels spanning [{@code x0}, {@code x1}) x [{@code y0}, {@code y1}) of
     * the 512 input, with at least {@code margin} px of the input around them (less only where the
     * input ends); along each axis the smallest multiple of the step that holds them, the whole
     * input's side where none smaller does; {@code margin < 0}: always the full input.
     */
    static Window around(double x0, double y0, double x1, double y1, int margin) {
        if (margin < 0) {
            return Window.FULL;
        }
        int[] columns = span((int) Math.floor(x0) - margin, (int) Math.ceil(x1) + margin);
        int[] rows = span((int) Math.floor(y0) - margin, (int) Math.ceil(y1) + margin);
        return new Window(columns[1], rows[1], columns[0], rows[0]);
    }

    /** {origin, extent} of the shortest stretch of whole steps, kept in the input, holding [from, to). */
    private static int[] span(int from, int to) {
        int lo = Math.max(0, from);
        int hi = Math.min(FRAME, to);
        for (int extent = roundUp(hi - lo); extent < FRAME; extent += STEP) {
            int o = origin(lo, hi, extent);
            if (o <= lo && o + extent >= hi) {
                return new int[] {o, extent};
            }
        }
        return new int[] {0, FRAME};
    }

    /** The multiple of the step nearest to centring [from, to) in {@code size}, kept in the input. */
    private static int origin(int from, int to, int size) {
        double centred = (from + to) / 2.0 - size / 2.0;
        int o = (int) Math.round(centred / STEP) * STEP;
        return Math.max(0, Math.min(FRAME - size, o));
    }

    private static int roundUp(int v) {
        return (v + STEP - 1) / STEP * STEP;
    }
}
