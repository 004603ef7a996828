package io.facefleet.engine.nets;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.pooling.Pool;
import java.util.function.BiFunction;

/**
 * face-api's TinyXception with two main blocks, the feature extractor of the age/gender net, on a
 * 112x112 input: conv_in 3x3/2 (→56), reduction blocks to 28 and 14, two residual main blocks, an
 * exit reduction block to 7, a separable conv to 512 channels, then the 7x7/2 'valid' average
 * pool: 512 features per face.
 */
final class TinyXception {

    static final int FEATURES = 512;
    private static final int MAIN_BLOCKS = 2;
    private static final Shape POOL_KERNEL = new Shape(3, 3);
    private static final Shape POOL_STRIDE = new Shape(2, 2);
    private static final Shape NO_PAD = new Shape(0, 0);

    /** A reduction block: two separable convs, a 3x3/2 max pool, plus a 1x1/2 conv of its input. */
    private record Reduction(SeparableConv sep0, SeparableConv sep1, NDArray expansion, NDArray expansionBias) {
    }

    private final NDArray convIn;
    private final NDArray convInBias;
    private final Reduction entry0;
    private final Reduction entry1;
    private final SeparableConv[][] main = new SeparableConv[MAIN_BLOCKS][3];
    private final Reduction exit;
    private final SeparableConv exitSep;

    TinyXception(WeightArrays w, BiFunction<String, NDArray, NDArray> param) {
        convIn = param.apply("entry_flow/conv_in/filters", w.conv("entry_flow/conv_in/filters"));
        convInBias = param.apply("entry_flow/conv_in/bias", w.vector("entry_flow/conv_in/bias"));
        entry0 = reduction(w, "entry_flow/reduction_block_0", param);
        entry1 = reduction(w, "entry_flow/reduction_block_1", param);
        for (int b = 0; b < MAIN_BLOCKS; b++) {
            for (int k = 0; k < 3; k++) {
                main[b][k] = new SeparableConv(w, "middle_flow/main_block_" + b + "/separable_conv" + k, param);
            }
        }
        exit = reduction(w, "exit_flow/reduction_block", param);
        exitSep = new SeparableConv(w, "exit_flow/separable_conv", param);
    }

    private static Reduction reduction(WeightArrays w, String p, BiFunction<String, NDArray, NDArray> param) {
        return new Reduction(new SeparableConv(w, p + "/separable_conv0", param), new SeparableConv(w, p + "/separable_conv1", param),
                param.apply(p + "/expansion_conv/filters", w.conv(p + "/expansion_conv/filters")),
                param.apply(p + "/expansion_conv/bias", w.vector(p + "/expansion_conv/bias")));
    }

    /** NCHW [B,3,112,112], normalised → [B,512]. */
    NDArray apply(NDArray x) {
        NDArray out = Activation.relu(TfConv.same(x, convIn, convInBias, 2, 1));
        out = reduce(out, entry0, false);
        out = reduce(out, entry1, true);
        for (SeparableConv[] block : main) {
            NDArray r = block[0].apply(Activation.relu(out), 1);
            r = block[1].apply(Activation.relu(r), 1);
            r = block[2].apply(Activation.relu(r), 1);
            out = r.add(out);
        }
        out = reduce(out, exit, true);
        out = Activation.relu(exitSep.apply(out, 1));
        out = Pool.avgPool2d(out, new Shape(7, 7), new Shape(2, 2), NO_PAD, false, true);
        return out.reshape(out.getShape().get(0), FEATURES);
    }

    private static NDArray reduce(NDArray x, Reduction r, boolean activateInput) {
        NDArray out = activateInput ? Activation.relu(x) : x;
        out = r.sep0().apply(out, 1);
        out = r.sep1().apply(Activation.relu(out), 1);
        out = maxPoolSame(out);
        return out.add(TfConv.same(x, r.expansion(), r.expansionBias(), 2, 1));
    }

    /**
     * TF's 3x3/2 'same' max pool. On the even sides here TF pads one row and column after (bottom,
     * right) and none before, and padded cells never win: pad with -inf, then pool unpadded.
     */
    static NDArray maxPoolSame(NDArray x) {
        long h = x.getShape().get(2);
        long w = x.getShape().get(3);
        long padH = padTotal(h);
        long padW = padTotal(w);
        long top = padH / 2;
        long left = padW / 2;
        NDArray padded = padH == 0 && padW == 0 ? x
                : x.pad(new Shape(left, padW - left, top, padH - top), Float.NEGATIVE_INFINITY);
        return Pool.maxPool2d(padded, POOL_KERNEL, POOL_STRIDE, NO_PAD, false);
    }

    private static long padTotal(long in) {
        long out = (in + 1) / 2;
        return Math.max((out - 1) * 2 + 3 - in, 0);
    }
}
