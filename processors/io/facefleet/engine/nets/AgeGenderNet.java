package io.facefleet.engine.nets;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.facefleet.engine.weights.WeightTensor;
import java.util.List;
import java.util.Map;

/**
 * face-api.js's age/gender net: TinyXception features (512), then two fully connected heads: age in
 * years (a regression, no activation) and two gender logits, softmaxed (index 0 = male).
 * {@link #forwardPixels} answers per face {@code [age, pMale, pFemale]}.
 */
public final class AgeGenderNet extends LoadedBlock {

    public static final int INPUT_SIZE = 112;
    /** Output columns: age in years, probability male, probability female. */
    public static final int AGE = 0;
    public static final int MALE = 1;
    public static final int FEMALE = 2;
    private static final int OUTPUTS = 3;

    private final TinyXception features;
    private final NDArray ageW;
    private final NDArray ageB;
    private final NDArray genderW;
    private final NDArray genderB;

    private AgeGenderNet(WeightArrays w) {
        features = new TinyXception(w, this::param);
        ageW = param("fc/age/weights", w.matrix("fc/age/weights"));
        ageB = param("fc/age/bias", w.vector("fc/age/bias"));
        genderW = param("fc/gender/weights", w.matrix("fc/gender/weights"));
        genderB = param("fc/gender/bias", w.vector("fc/gender/bias"));
    }

    /** Builds the net from its tfjs tensors; arrays live in {@code manager}. */
    public static AgeGenderNet create(NDManager manager, Map<String, WeightTensor> weights) {
        return new AgeGenderNet(new WeightArrays(weights, manager));
    }

    /** {@code [age, pMale, pFemale]} per face for float HWC 112x112 inputs (0..255), in one pass. */
    public float[][] forwardPixels(List<float[]> pixels) {
        if (pixels.isEmpty()) {
            return new float[0][];
        }
        try (NDManager sub = ageW.getManager().newSubManager()) {
            NDArray x = nchw(sub, pixels, INPUT_SIZE, FaceLandmark68Net.MEAN_RGB, 1f / 255f, 0f);
            return FaceExpressionNet.rows(infer(x).toFloatArray(), pixels.size(), OUTPUTS);
        }
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray f = features.apply(inputs.singletonOrThrow());
        NDArray age = f.matMul(ageW).add(ageB);
        NDArray gender = f.matMul(genderW).add(genderB).softmax(1);
        return new NDList(NDArrays.concat(new NDList(age, gender), 1));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), OUTPUTS)};
    }
}
