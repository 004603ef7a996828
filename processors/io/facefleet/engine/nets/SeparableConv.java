package io.facefleet.engine.nets;

import ai.djl.ndarray.NDArray;
import java.util.function.BiFunction;

/**
 * tfjs's {@code separableConv2d(x, depthwise, pointwise, stride, 'same')} + bias, as face-api's
 * {@code depthwiseSeparableConv}: depthwise 3x3 (no bias), pointwise 1x1, then the bias. No
 * activation.
 */
final class SeparableConv {

    private final NDArray depthwise;
    private final NDArray pointwise;
    private final NDArray bias;

    /**
     * Reads {@code prefix/depthwise_filter}, {@code prefix/pointwise_filter} and {@code prefix/bias},
     * registering each through {@code param} (the owning block's parameter list).
     */
    SeparableConv(WeightArrays w, String prefix, BiFunction<String, NDArray, NDArray> param) {
        this.depthwise = param.apply(prefix + "/depthwise_filter", w.depthwise(prefix + "/depthwise_filter", null));
        this.pointwise = param.apply(prefix + "/pointwise_filter", w.conv(prefix + "/pointwise_filter"));
        this.bias = param.apply(prefix + "/bias", w.vector(prefix + "/bias"));
    }

    NDArray apply(NDArray x, int stride) {
        NDArray d = TfConv.same(x, depthwise, null, stride, (int) x.getShape().get(1));
        return TfConv.same(d, pointwise, bias, 1, 1);
    }
}
