package io.facefleet.engine.nets;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
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
 * face-api.js's port of dlib's ResNet face descriptor: a 7x7 stem, residual stages of width
 * 32..256 (down-sampling blocks with an average-pooled, zero-extended shortcut), global average
 * pool, and a 256→128 projection. Output: the raw 128-D descriptor (not normalised).
 */
public final class FaceRecognitionNet extends LoadedBlock {

    public static final int INPUT_SIZE = 150;
    public static final int DESCRIPTOR_SIZE = 128;
    private static final String[] BLOCKS = {
        "conv32_1", "conv32_2", "conv32_3",
        "conv64_down", "conv64_1", "conv64_2", "conv64_3",
        "conv128_down", "conv128_1", "conv128_2",
        "conv256_down", "conv256_1", "conv256_2",
        "conv256_down_out"};

    private final NDArray stemW;
    private final NDArray stemB;
    private final NDArray[] conv1W = new NDArray[BLOCKS.length];
    private final NDArray[] conv1B = new NDArray[BLOCKS.length];
    private final NDArray[] conv2W = new NDArray[BLOCKS.length];
    private final NDArray[] conv2B = new NDArray[BLOCKS.length];
    private final NDArray fc;

    private FaceRecognitionNet(WeightArrays w) {
        stemW = param("conv32_down.w", scaledConv(w, "conv32_down"));
        stemB = param("conv32_down.b", scaledBias(w, "conv32_down"));
        for (int i = 0; i < BLOCKS.length; i++) {
            conv1W[i] = param(BLOCKS[i] + "/conv1.w", scaledConv(w, BLOCKS[i] + "/conv1"));
            conv1B[i] = param(BLOCKS[i] + "/conv1.b", scaledBias(w, BLOCKS[i] + "/conv1"));
            conv2W[i] = param(BLOCKS[i] + "/conv2.w", scaledConv(w, BLOCKS[i] + "/conv2"));
            conv2B[i] = param(BLOCKS[i] + "/conv2.b", scaledBias(w, BLOCKS[i] + "/conv2"));
        }
        fc = param("fc", w.matrix("fc"));
    }

    /** Conv filter with the following scale layer folded in: (conv(x) + b) * s + t. */
    private static NDArray scaledConv(WeightArrays w, String layer) {
        return w.conv(layer + "/conv/filters", w.values(layer + "/scale/weights"));
    }

    private static NDArray scaledBias(WeightArrays w, String layer) {
        float[] b = w.values(layer + "/conv/bias");
        float[] s = w.values(layer + "/scale/weights");
        float[] t = w.values(layer + "/scale/biases");
        float[] folded = new float[b.length];
        for (int c = 0; c < b.length; c++) {
            folded[c] = b[c] * s[c] + t[c];
        }
        return w.manager().create(folded);
    }

    /** Builds the net from its tfjs tensors; arrays live in {@code manager}. */
    public static FaceRecognitionNet create(NDManager manager, Map<String, WeightTensor> weights) {
        return new FaceRecognitionNet(new WeightArrays(weights, manager));
    }

    /** Descriptors [B][128] for 150x150 face images, in one pass. */
    public float[][] forward(List<RgbImage> faces150) {
        List<float[]> pixels = new ArrayList<>(faces150.size());
        for (RgbImage f : faces150) {
            if (f.width() != INPUT_SIZE || f.height() != INPUT_SIZE) {
                throw new IllegalArgumentException("recognition input must be 150x150, got " + f.width() + "x" + f.height());
            }
            pixels.add(ImageOps.resizeBilinear(f, INPUT_SIZE));
        }
        return forwardPixels(pixels);
    }

    /** Descriptors [B][128] for float HWC 150x150 inputs (0..255). */
    public float[][] forwardPixels(List<float[]> pixels) {
        if (pixels.isEmpty()) {
            return new float[0][];
        }
        try (NDManager sub = fc.getManager().newSubManager()) {
            long t0 = OpClock.start();
            NDArray x = OpClock.stop("input copy Java to native (NCHW pack)", t0, nchw(sub, pixels, INPUT_SIZE, FaceLandmark68Net.MEAN_RGB, 1f / 255f, 0f));
            NDArray y = infer(x);
            t0 = OpClock.start();
            float[] flat = OpClock.stop("output copy native to Java", t0, y.toFloatArray());
            float[][] out = new float[pixels.size()][DESCRIPTOR_SIZE];
            for (int b = 0; b < out.length; b++) {
                System.arraycopy(flat, b * DESCRIPTOR_SIZE, out[b], 0, DESCRIPTOR_SIZE);
            }
            return out;
        }
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = Ops.relu(TfConv.valid(inputs.singletonOrThrow(), stemW, stemB, 2));
        x = Ops.maxPool(x, 3, 2);
        for (int i = 0; i < BLOCKS.length; i++) {
            x = BLOCKS[i].contains("down") ? residualDown(x, i) : residual(x, i);
        }
        long t0 = OpClock.start();
        NDArray pooled = OpClock.stop("average pooling", t0, x.mean(new int[] {3}).mean(new int[] {2}));
        return new NDList(Ops.fullyConnected(pooled, fc));
    }

    private NDArray residual(NDArray x, int i) {
        NDArray r = Ops.relu(TfConv.same(x, conv1W[i], conv1B[i], 1, 1));
        r = TfConv.same(r, conv2W[i], conv2B[i], 1, 1);
        return Ops.relu(Ops.add(r, x));
    }

    private NDArray residualDown(NDArray x, int i) {
        NDArray r = Ops.relu(TfConv.valid(x, conv1W[i], conv1B[i], 2));
        r = TfConv.same(r, conv2W[i], conv2B[i], 1, 1);
        NDArray p = Ops.avgPool(x, 2, 2);
        long pc = p.getShape().get(1);
        long rc = r.getShape().get(1);
        if (pc < rc) {
            // the shortcut gains zero channels after the pooled ones
            NDArray zeros = p.getManager().zeros(new Shape(p.getShape().get(0), rc - pc, p.getShape().get(2), p.getShape().get(3)));
            p = NDArrays.concat(new NDList(p, zeros), 1);
        }
        long dh = p.getShape().get(2) - r.getShape().get(2);
        long dw = p.getShape().get(3) - r.getShape().get(3);
        if (dh > 0 || dw > 0) {
            // the conv path gains zero rows at the bottom and columns at the right
            r = r.pad(new Shape(0, dw, 0, dh), 0);
        }
        return Ops.relu(Ops.add(p, r));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), DESCRIPTOR_SIZE)};
    }
}
