package io.facefleet.engine.nets;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;

/**
 * Convolutions with TensorFlow's padding rules on NCHW arrays. TF 'same' puts the odd padding
 * pixel after (bottom/right), which PyTorch's symmetric {@code padding} cannot express. For a
 * depthwise filter that case runs without copying the input into a padded array (the profile in
 * docs/benchmarks.md: those copies were 14 % of the detector's time): the filter gains a zero row
 * on top and a zero column on the left and the padding is the larger side on both sides, so every
 * window starts one pixel earlier, over a zero weight, and covers TF's pixels with TF's weights.
 * A regular conv's input (3 channels here) is still padded explicitly: its filter grown by a
 * row and a column would cost more multiplications than the copy.
 */
final class TfConv {

    private static final Shape NO_PAD = new Shape(0, 0);
    private static final Shape NO_DILATION = new Shape(1, 1);
    /** True: every asymmetric case pads the input explicitly (the way before; for tests and the profile). */
    static volatile boolean explicitPadding = false;

    private TfConv() {
    }

    /** TF 'same' convolution; {@code groups} = channels for a depthwise conv. */
    static NDArray same(NDArray x, NDArray w, NDArray bias, int stride, int groups) {
        long t0 = OpClock.start();
        return OpClock.stop(kind(w, groups), t0, sameUntimed(x, w, bias, stride, groups));
    }

    private static NDArray sameUntimed(NDArray x, NDArray w, NDArray bias, int stride, int groups) {
        long inH = x.getShape().get(2);
        long inW = x.getShape().get(3);
        long kh = w.getShape().get(2);
        long kw = w.getShape().get(3);
        long padH = padTotal(inH, kh, stride);
        long padW = padTotal(inW, kw, stride);
        long top = padH / 2;
        long left = padW / 2;
        long bottom = padH - top;
        long right = padW - left;
        Shape s = new Shape(stride, stride);
        if (top == bottom && left == right) {
            return Conv2d.conv2d(x, w, bias, s, new Shape(top, left), NO_DILATION, groups).singletonOrThrow();
        }
        if (groups > 1 && !explicitPadding) {
            // the odd pixel of each side moves before the input, over a zero weight
            NDArray grown = w.pad(new Shape(right - left, 0, bottom - top, 0), 0);
            try {
                return Conv2d.conv2d(x, grown, bias, s, new Shape(bottom, right), NO_DILATION, groups).singletonOrThrow();
            } finally {
                grown.close();
            }
        }
        long t0 = OpClock.start();
        NDArray padded = OpClock.stop("padding copy (TF 'same', odd side)", t0, x.pad(new Shape(left, right, top, bottom), 0));
        return Conv2d.conv2d(padded, w, bias, s, NO_PAD, NO_DILATION, groups).singletonOrThrow();
    }

    /** TF 'valid' convolution: no padding. */
    static NDArray valid(NDArray x, NDArray w, NDArray bias, int stride) {
        long t0 = OpClock.start();
        return OpClock.stop(kind(w, 1), t0,
                Conv2d.conv2d(x, w, bias, new Shape(stride, stride), NO_PAD, NO_DILATION, 1).singletonOrThrow());
    }

    /** The profile's name for a conv: depthwise, pointwise 1x1 or its kernel size. */
    private static String kind(NDArray w, int groups) {
        if (groups > 1) {
            return "depthwise conv";
        }
        long kh = w.getShape().get(2);
        long kw = w.getShape().get(3);
        return kh == 1 && kw == 1 ? "pointwise conv 1x1" : "conv " + kh + "x" + kw;
    }

    /** TF 'same''s total padding along one side of {@code in} cells (the window's black context uses it too). */
    static long padTotal(long in, long k, int stride) {
        long out = (in + stride - 1) / stride;
        return Math.max((out - 1) * stride + k - in, 0);
    }
}
