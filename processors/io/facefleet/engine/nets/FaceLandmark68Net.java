package io.facefleet.engine.nets;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.facefleet.engine.image.ImageOps;
import io.facefleet.engine.image.RgbImage;
import io.facefleet.engine.weights.WeightTensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * face-api.js's 68-point landmark net: four dense blocks of separable convs, global average pool,
 * a fully connected layer to 136 values (x0, y0, x1, y1, ... in units of the 112 input).
 */
public final class FaceLandmark68Net extends LoadedBlock {

    public static final int INPUT_SIZE = 112;
    static final float[] MEAN_RGB = {122.782f, 117.001f, 104.298f};
    private static final int BLOCKS = 4;

    /** Per block: c0 (dense0: regular conv; else separable) and three separable convs. */
    private final NDArray[][] depthwise = new NDArray[BLOCKS][4];
    private final NDArray[][] pointwise = new NDArray[BLOCKS][4];
    private final NDArray[][] bias = new NDArray[BLOCKS][4];
    private final NDArray fcW;
    private final NDArray fcB;

    private FaceLandmark68Net(WeightArrays w) {
        for (int n = 0; n < BLOCKS; n++) {
            for (int k = 0; k < 4; k++) {
                String p = "dense" + n + "/conv" + k + "/";
                if (n == 0 && k == 0) {
                    pointwise[n][k] = param(p + "filters", w.conv(p + "filters"));
                } else {
                    depthwise[n][k] = param(p + "depthwise_filter", w.depthwise(p + "depthwise_filter", null));
                    pointwise[n][k] = param(p + "pointwise_filter", w.conv(p + "pointwise_filter"));
                }
                bias[n][k] = param(p + "bias", w.vector(p + "bias"));
            }
        }
        fcW = param("fc/weights", w.matrix("fc/weights"));
        fcB = param("fc/bias", w.vector("fc/bias"));
    }

    /** Builds the net from its tfjs tensors; arrays live in {@code manager}. */
    public static FaceLandmark68Net create(NDManager manager, Map<String, WeightTensor> weights) {
        return new FaceLandmark68Net(new WeightArrays(weights, manager));
    }

    /** Raw outputs [B][136] for 112x112 face images, in one pass. */
    public float[][] forward(List<RgbImage> faces112) {
        List<float[]> pixels = new ArrayList<>(faces112.size());
        for (RgbImage f : faces112) {
            if (f.width() != INPUT_SIZE || f.height() != INPUT_SIZE) {
                throw new IllegalArgumentException("landmark input must be 112x112, got " + f.width() + "x" + f.height());
            }
            pixels.add(ImageOps.resizeBilinear(f, INPUT_SIZE));
        }
        return forwardPixels(pixels);
    }

    /** Raw outputs [B][136] for float HWC 112x112 inputs (0..255). */
    public float[][] forwardPixels(List<float[]> pixels) {
        if (pixels.isEmpty()) {
            return new float[0][];
        }
        try (NDManager sub = fcW.getManager().newSubManager()) {
            long t0 = OpClock.start();
            NDArray x = OpClock.stop("input copy Java to native (NCHW pack)", t0, nchw(sub, pixels, INPUT_SIZE, MEAN_RGB, 1f / 255f, 0f));
            NDArray y = infer(x);
            t0 = OpClock.start();
            float[] flat = OpClock.stop("output copy native to Java", t0, y.toFloatArray());
            float[][] out = new float[pixels.size()][136];
            for (int b = 0; b < out.length; b++) {
                System.arraycopy(flat, b * 136, out[b], 0, 136);
            }
            return out;
        }
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        for (int n = 0; n < BLOCKS; n++) {
            x = denseBlock(x, n);
        }
        x = Ops.avgPool(x, 7, 2);
        x = x.reshape(x.getShape().get(0), 256);
        return new NDList(Ops.fullyConnected(x, fcW).add(fcB));
    }

    private NDArray denseBlock(NDArray x, int n) {
        NDArray o1 = Ops.relu(conv(x, n, 0, 2));
        NDArray o2 = conv(o1, n, 1, 1);
        NDArray s12 = Ops.add(o1, o2);
        NDArray o3 = conv(Ops.relu(s12), n, 2, 1);
        NDArray s123 = Ops.add(s12, o3);
        NDArray o4 = conv(Ops.relu(s123), n, 3, 1);
        return Ops.relu(Ops.add(s123, o4));
    }

    /** Regular conv (dense0's first) or separable conv: depthwise, then pointwise, then bias. */
    private NDArray conv(NDArray x, int n, int k, int stride) {
        if (depthwise[n][k] == null) {
            return TfConv.same(x, pointwise[n][k], bias[n][k], stride, 1);
        }
        NDArray d = TfConv.same(x, depthwise[n][k], null, stride, (int) x.getShape().get(1));
        return TfConv.same(d, pointwise[n][k], bias[n][k], 1, 1);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), 136)};
    }
}
