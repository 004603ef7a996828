package io.facefleet.engine;

import io.facefleet.engine.nets.SsdMobilenetV1;
import io.facefleet.engine.nets.SsdMobilenetV1.Window;

/**
 * Where the detector needs to look: the square of its 512 input that holds the image's own pixels
 * with a black margin around them, the rest being padding. A 64x64 image padded into a 256 square
 * and blown up to 512 fills only 128x128 of that input; with the default 32 px margin its window is
 * 192 (a seventh of the cost) and the pass on it, padded with the black context beyond its edge,
 * finds the same faces (docs/decisions.md, docs/benchmarks.md).
 */
final class DetectorWindow {

    private static final int STEP = SsdMobilenetV1.INPUT_STEP;
    private static final int FRAME = SsdMobilenetV1.INPUT_SIZE;

    private DetectorWindow() {
    }

    /**
     * The window for image pixels spanning [{@code x0}, {@code x1}) x [{@code y0}, {@code y1}) of
     * the 512 input, with at least {@code margin} px of the input around them (less only where the
     * input ends); the full input when no smaller window holds them; {@code margin < 0}: always full.
     */
    static Window around(double x0, double y0, double x1, double y1, int margin) {
        if (margin < 0) {
            return Window.FULL;
        }
        int left = (int) Math.max(0, Math.floor(x0) - margin);
        int top = (int) Math.max(0, Math.floor(y0) - margin);
        int right = (int) Math.min(FRAME, Math.ceil(x1) + margin);
        int bottom = (int) Math.min(FRAME, Math.ceil(y1) + margin);
        for (int size = roundUp(Math.max(right - left, bottom - top)); size < FRAME; size += STEP) {
            int ox = origin(left, right, size);
            int oy = origin(top, bottom, size);
            if (ox <= left && oy <= top && ox + size >= right && oy + size >= bottom) {
                return new Window(size, ox, oy);
            }
        }
        return Window.FULL;
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
