package io.facefleet.engine.nets;

import ai.djl.ndarray.NDArray;
import java.util.function.BiFunction;

/**
 * face-api's FaceFeatureExtractor: four dense blocks (dense0 3→32 … dense3 →256, each halving the
 * side) and a 7x7/2 'valid' average pool, on a 112x112 input: 256 features per face. The landmark
 * net is this with its own weights and a 136-wide head; the expression net with a 7-wide one.
 */
final class DenseFeatures {

    static final int FEATURES = 256;
    private static final int BLOCKS = 4;

    private final NDArray conv0Filters;
    private final NDArray conv0Bias;
    /** Per block: its first conv (null for dense0, which has a regular one) and three separable convs. */
    private final SeparableConv[][] sep = new SeparableConv[BLOCKS][4];

    DenseFeatures(WeightArrays w, BiFunction<String, NDArray, NDArray> param) {
        conv0Filters = param.apply("dense0/conv0/filters", w.conv("dense0/conv0/filters"));
        conv0Bias = param.apply("dense0/conv0/bias", w.vector("dense0/conv0/bias"));
        for (int n = 0; n < BLOCKS; n++) {
            for (int k = n == 0 ? 1 : 0; k < 4; k++) {
                sep[n][k] = new SeparableConv(w, "dense" + n + "/conv" + k, param);
            }
        }
    }

    /** NCHW [B,3,112,112], normalised → [B,256]. */
    NDArray apply(NDArray x) {
        for (int n = 0; n < BLOCKS; n++) {
            x = denseBlock(x, n);
        }
        x = Ops.avgPool(x, 7, 2);
        return x.reshape(x.getShape().get(0), FEATURES);
    }

    private NDArray denseBlock(NDArray x, int n) {
        NDArray first = n == 0 ? TfConv.same(x, conv0Filters, conv0Bias, 2, 1) : sep[n][0].apply(x, 2);
        NDArray o1 = Ops.relu(first);
        NDArray s12 = Ops.add(o1, sep[n][1].apply(o1, 1));
        NDArray s123 = Ops.add(s12, sep[n][2].apply(Ops.relu(s12), 1));
        return Ops.relu(Ops.add(s123, sep[n][3].apply(Ops.relu(s123), 1)));
    }
}
