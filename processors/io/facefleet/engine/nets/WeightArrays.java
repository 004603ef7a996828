package io.facefleet.engine.nets;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.facefleet.engine.weights.ModelFileException;
import io.facefleet.engine.weights.WeightTensor;
import java.util.Map;

/**
 * Turns tfjs tensors (TensorFlow layouts) into PyTorch-layout NDArrays owned by one manager:
 * conv filters HWIO → OIHW, depthwise [kh,kw,C,1] → [C,1,kh,kw]. A per-output-channel affine
 * that follows a conv (a folded BatchNorm or dlib's scale layer) can be folded into the filter.
 */
final class WeightArrays {

    private final Map<String, WeightTensor> tensors;
    private final NDManager manager;

    WeightArrays(Map<String, WeightTensor> tensors, NDManager manager) {
        this.tensors = tensors;
        this.manager = manager;
    }

    WeightTensor tensor(String name) {
        WeightTensor t = tensors.get(name);
        if (t == null) {
            throw new ModelFileException("weights have no tensor named " + name);
        }
        return t;
    }

    float[] values(String name) {
        return tensor(name).values();
    }

    /** A [C] vector. */
    NDArray vector(String name) {
        float[] v = values(name);
        return manager.create(v, new Shape(v.length));
    }

    /** A regular conv filter, HWIO → OIHW, each output channel scaled by {@code scale} (or 1). */
    NDArray conv(String name, float[] scale) {
        WeightTensor t = tensor(name);
        int kh = t.shape()[0];
        int kw = t.shape()[1];
        int cin = t.shape()[2];
        int cout = t.shape()[3];
        float[] src = t.values();
        float[] dst = new float[src.length];
        for (int y = 0; y < kh; y++) {
            for (int x = 0; x < kw; x++) {
                for (int i = 0; i < cin; i++) {
                    for (int o = 0; o < cout; o++) {
                        float s = scale == null ? 1f : scale[o];
                        dst[((o * cin + i) * kh + y) * kw + x] = src[((y * kw + x) * cin + i) * cout + o] * s;
                    }
                }
            }
        }
        return manager.create(dst, new Shape(cout, cin, kh, kw));
    }

    NDArray conv(String name) {
        return conv(name, null);
    }

    /** A depthwise filter [kh,kw,C,1] → [C,1,kh,kw], each channel scaled by {@code scale} (or 1). */
    NDArray depthwise(String name, float[] scale) {
        WeightTensor t = tensor(name);
        int kh = t.shape()[0];
        int kw = t.shape()[1];
        int c = t.shape()[2];
        float[] src = t.values();
        float[] dst = new float[src.length];
        for (int y = 0; y < kh; y++) {
            for (int x = 0; x < kw; x++) {
                for (int ch = 0; ch < c; ch++) {
                    float s = scale == null ? 1f : scale[ch];
                    dst[(ch * kh + y) * kw + x] = src[(y * kw + x) * c + ch] * s;
                }
            }
        }
        return manager.create(dst, new Shape(c, 1, kh, kw));
    }

    /** A fully connected weight [in, out], used as {@code x.matMul(w)}. */
    NDArray matrix(String name) {
        WeightTensor t = tensor(name);
        return manager.create(t.values(), new Shape(t.shape()[0], t.shape()[1]));
    }

    NDManager manager() {
        return manager;
    }
}
