package io.facefleet.engine.nets;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.facefleet.engine.weights.WeightTensor;
import java.util.List;
import java.util.Map;

/**
 * face-api.js's expression net: the dense feature extractor (the landmark net's architecture, its
 * own weights) and a fully connected layer to 7 logits, softmaxed. Output order is face-api's:
 * neutral, happy, sad, angry, fearful, disgusted, surprised.
 */
public final class FaceExpressionNet extends LoadedBlock {

    public static final int INPUT_SIZE = 112;
    public static final int EXPRESSIONS = 7;

    private final DenseFeatures features;
    private final NDArray fcW;
    private final NDArray fcB;

    private FaceExpressionNet(WeightArrays w) {
        features = new DenseFeatures(w, this::param);
        fcW = param("fc/weights", w.matrix("fc/weights"));
        fcB = param("fc/bias", w.vector("fc/bias"));
    }

    /** Builds the net from its tfjs tensors; arrays live in {@code manager}. */
    public static FaceExpressionNet create(NDManager manager, Map<String, WeightTensor> weights) {
        return new FaceExpressionNet(new WeightArrays(weights, manager));
    }

    /** Probabilities [B][7] for float HWC 112x112 inputs (0..255), in one pass. */
    public float[][] forwardPixels(List<float[]> pixels) {
        if (pixels.isEmpty()) {
            return new float[0][];
        }
        try (NDManager sub = fcW.getManager().newSubManager()) {
            NDArray x = nchw(sub, pixels, INPUT_SIZE, FaceLandmark68Net.MEAN_RGB, 1f / 255f, 0f);
            return rows(infer(x).toFloatArray(), pixels.size(), EXPRESSIONS);
        }
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray logits = features.apply(inputs.singletonOrThrow()).matMul(fcW).add(fcB);
        return new NDList(logits.softmax(1));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), EXPRESSIONS)};
    }

    /** Splits a row-major [rows*width] array into rows. */
    static float[][] rows(float[] flat, int rows, int width) {
        float[][] out = new float[rows][width];
        for (int b = 0; b < rows; b++) {
            System.arraycopy(flat, b * width, out[b], 0, width);
        }
        return out;
    }
}
