package io.facefleet.engine.weights;

import java.util.Arrays;

/**
 * One dequantised tensor of a tfjs weights file, values row-major over {@code shape} in the
 * file's own (TensorFlow, e.g. HWIO) layout. Layout conversion to PyTorch is the net's job.
 */
public record WeightTensor(String name, int[] shape, float[] values) {

    public WeightTensor {
        long expected = 1;
        for (int d : shape) {
            expected *= d;
        }
        if (expected != values.length) {
            throw new IllegalArgumentException(name + ": shape " + Arrays.toString(shape)
                    + " needs " + expected + " values, got " + values.length);
        }
    }

    /** Shape as longs, the form DJL's {@code Shape} takes. */
    public long[] longShape() {
        return Arrays.stream(shape).asLongStream().toArray();
    }
}
