package io.facefleet.gallery;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The squared distance in the JVM's widest float lanes (jdk.incubator.vector). Loaded only when
 * the module is in the boot layer (VectorDistances): without it this class cannot link.
 */
final class SimdSquareDistance implements SquareDistance {

    private static final VectorSpecies<Float> LANES = FloatVector.SPECIES_PREFERRED;

    /** The lane width in bits, for the log line. */
    static int laneBits() {
        return LANES.vectorBitSize();
    }

    @Override
    public float between(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("vector dimensions differ: " + a.length + " != " + b.length);
        }
        FloatVector sum = FloatVector.zero(LANES);
        int i = 0;
        for (int bound = LANES.loopBound(a.length); i < bound; i += LANES.length()) {
            FloatVector d = FloatVector.fromArray(LANES, a, i).sub(FloatVector.fromArray(LANES, b, i));
            sum = d.fma(d, sum);
        }
        float s = sum.reduceLanes(VectorOperators.ADD);
        // the dimensions past the last whole lane set
        for (; i < a.length; i++) {
            float d = a[i] - b[i];
            s += d * d;
        }
        return s;
    }
}
