package io.facefleet.engine.nets;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.pooling.Pool;

/** The nets' element-wise and pooling ops, each timed by {@link OpClock} when it is on. */
final class Ops {

    private static final Shape NO_PAD = new Shape(0, 0);
    /** True: max pooling by PyTorch's own max_pool2d, as before (for tests and the profile). */
    static volatile boolean directMaxPool = false;

    private Ops() {
    }

    static NDArray relu(NDArray x) {
        long t0 = OpClock.start();
        return OpClock.stop("ReLU (its own pass)", t0, Activation.relu(x));
    }

    /** min(max(x, 0), 6): one clamp pass (PyTorch's eager ops cannot fuse it into the conv). */
    static NDArray relu6(NDArray x) {
        long t0 = OpClock.start();
        return OpClock.stop("ReLU6 clamp (its own pass)", t0, x.clip(0, 6));
    }

    static NDArray add(NDArray a, NDArray b) {
        long t0 = OpClock.start();
        return OpClock.stop("residual / dense add", t0, a.add(b));
    }

    static NDArray avgPool(NDArray x, int kernel, int stride) {
        long t0 = OpClock.start();
        return OpClock.stop("average pooling", t0, Pool.avgPool2d(x, new Shape(kernel, kernel), new Shape(stride, stride),
                NO_PAD, false, true));
    }

    /**
     * 'valid' max pooling, separable: the maximum of {@code kernel} strided row views, then of
     * {@code kernel} strided column views of that. Exactly PyTorch's max_pool2d (a maximum is a
     * maximum in any order), in 2 (kernel - 1) element-wise passes on strided views instead of its
     * NCHW kernel, which the profile found 6 ms for a batch of 4 faces' 32x72x72 stems.
     */
    static NDArray maxPool(NDArray x, int kernel, int stride) {
        long t0 = OpClock.start();
        if (directMaxPool) {
            return OpClock.stop("max pooling", t0, maxPoolDirect(x, kernel, stride));
        }
        NDArray rows = stridedMax(x, 2, kernel, stride);
        NDArray out = stridedMax(rows, 3, kernel, stride);
        rows.close();
        return OpClock.stop("max pooling", t0, out);
    }

    /** Max over {@code kernel} views of axis {@code axis} (2 or 3), each every {@code stride}-th from its offset. */
    private static NDArray stridedMax(NDArray x, int axis, int kernel, int stride) {
        long in = x.getShape().get(axis);
        long out = (in - kernel) / stride + 1;
        NDArray max = null;
        for (int d = 0; d < kernel; d++) {
            String slice = d + ":" + (d + stride * (out - 1) + 1) + ":" + stride;
            NDArray view = x.get(axis == 2 ? ":, :, " + slice : ":, :, :, " + slice);
            if (max == null) {
                max = view;
            } else {
                NDArray next = max.maximum(view);
                max.close();
                view.close();
                max = next;
            }
        }
        return max;
    }

    /** PyTorch's own max_pool2d. */
    static NDArray maxPoolDirect(NDArray x, int kernel, int stride) {
        return Pool.maxPool2d(x, new Shape(kernel, kernel), new Shape(stride, stride), NO_PAD, false);
    }

    static NDArray fullyConnected(NDArray x, NDArray w) {
        long t0 = OpClock.start();
        return OpClock.stop("fully connected", t0, x.matMul(w));
    }
}
