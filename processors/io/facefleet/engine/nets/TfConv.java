package io.facefleet.engine.nets;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;

/**
 * Convolutions with TensorFlow's padding rules on NCHW arrays. TF 'same' puts the odd padding
 * pixel after (bottom/right), which PyTorch's symmetric {@code padding} cannot express, so an
 * asymmetric case is padded explicitly first.
 */
final class TfConv {

    private static final Shape NO_PAD = new Shape(0, 0);
    private static final Shape NO_DILATION = new Shape(1, 1);

    private TfConv() {
    }

    /** TF 'same' convolution; {@code groups} = channels for a depthwise conv. */
    static NDArray same(NDArray x, NDArray w, NDArray bias, int stride, int groups) {
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
        NDArray padded = x.pad(new Shape(left, right, top, bottom), 0);
        return Conv2d.conv2d(padded, w, bias, s, NO_PAD, NO_DILATION, groups).singletonOrThrow();
    }

    /** TF 'valid' convolution: no padding. */
    static NDArray valid(NDArray x, NDArray w, NDArray bias, int stride) {
        return Conv2d.conv2d(x, w, bias, new Shape(stride, stride), NO_PAD, NO_DILATION, 1).singletonOrThrow();
    }

    private static long padTotal(long in, long k, int stride) {
        long out = (in + stride - 1) / stride;
        return Math.max((out - 1) * stride + k - in, 0);
    }
}
