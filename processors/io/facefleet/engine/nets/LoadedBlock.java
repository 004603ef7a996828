package io.facefleet.engine.nets;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.util.List;

/**
 * A DJL block whose parameters come from pretrained weights rather than an initializer. The
 * arrays are registered as (frozen) DJL parameters and used directly in the forward pass.
 */
abstract class LoadedBlock extends AbstractBlock {

    /** Registers {@code array} as the parameter {@code name} and returns it. */
    protected final NDArray param(String name, NDArray array) {
        addParameter(Parameter.builder()
                .setName(name)
                .setType(Parameter.Type.WEIGHT)
                .optArray(array)
                .optRequiresGrad(false)
                .build());
        return array;
    }

    /** Runs the block for inference on one NCHW batch, in the batch's manager. */
    protected final NDArray infer(NDArray input) {
        ParameterStore store = new ParameterStore(input.getManager(), false);
        return forward(store, new NDList(input), false).singletonOrThrow();
    }

    /**
     * Packs images (float HWC, 0..255, each {@code size x size}) into one NCHW float32 array,
     * normalised as {@code (v - mean[c]) * scale + offset}.
     */
    static NDArray nchw(NDManager manager, List<float[]> images, int size, float[] mean, float scale, float offset) {
        return nchw(manager, images, size, size, mean, scale, offset);
    }

    /** As {@link #nchw(NDManager, List, int, float[], float, float)}, for {@code width x height} inputs. */
    static NDArray nchw(NDManager manager, List<float[]> images, int width, int height, float[] mean, float scale,
                        float offset) {
        int plane = width * height;
        float[] data = new float[images.size() * 3 * plane];
        for (int b = 0; b < images.size(); b++) {
            float[] hwc = images.get(b);
            int base = b * 3 * plane;
            for (int p = 0; p < plane; p++) {
                for (int c = 0; c < 3; c++) {
                    data[base + c * plane + p] = (hwc[p * 3 + c] - mean[c]) * scale + offset;
                }
            }
        }
        return manager.create(data, new Shape(images.size(), 3, height, width));
    }
}
