package io.facefleet.engine.nets;

import java.util.Map;

/** The nets' profiling switches, for the engine profile and tests outside this package. */
public final class ProfileSwitches {

    private ProfileSwitches() {
    }

    /** Runs every asymmetric TF 'same' case with an explicit input-padding copy, as before. */
    public static void explicitPadding(boolean on) {
        TfConv.explicitPadding = on;
    }

    /** Max pooling by PyTorch's max_pool2d, as before, instead of the separable strided maximum. */
    public static void directMaxPool(boolean on) {
        Ops.directMaxPool = on;
    }

    /** Keeps each window's black context over its whole maps and adds it there, as before, instead of its border bands. */
    public static void denseBlackContext(SsdMobilenetV1 detector, boolean on) {
        detector.denseContexts(on);
    }

    /** Starts or stops timing each op group's thread CPU time. */
    public static void opClock(boolean on) {
        OpClock.on = on;
    }

    /** CPU ns per layer kind since the last call. */
    public static Map<String, Long> drainOpClock() {
        return OpClock.drain();
    }
}
