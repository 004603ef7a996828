package io.facefleet.gallery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.util.VectorUtil;
import org.junit.jupiter.api.Test;

/** The SIMD squared distance and score against Lucene's EUCLIDEAN on random vectors of many lengths. */
class SimdSquareDistanceTest {

    private final SquareDistance simd = new SimdSquareDistance();

    @Test
    void testJvmRunsTheSimdPath() {
        // surefire starts the JVM with --add-modules jdk.incubator.vector, as the README's commands do
        assertNotNull(VectorDistances.choose(VectorDistances.SIMD, ModuleLayer.boot().findModule(VectorDistances.MODULE).isPresent()).simd(),
                "the test JVM has no jdk.incubator.vector: " + VectorDistances.describe());
    }

    @Test
    void squaredDistanceAndScoreEqualLucenesForEveryLength() {
        Random r = new Random(16);
        // 128 is the descriptor; the others are no multiple of the 4, 8 or 16 float lanes, or shorter than one lane set
        for (int dim : new int[] {1, 3, 7, 15, 16, 17, 31, 33, 63, 65, 127, 128, 129, 200, 1024}) {
            for (int round = 0; round < 200; round++) {
                float[] a = vector(r, dim);
                float[] b = round % 10 == 0 ? a.clone() : vector(r, dim);
                float lucene = VectorUtil.squareDistance(a, b);
                float ours = simd.between(a, b);
                assertEquals(lucene, ours, 1e-5f * Math.max(1, lucene), "dim " + dim + " round " + round);
                assertEquals(VectorSimilarityFunction.EUCLIDEAN.compare(a, b), FaceVectorsScorer.score(ours), 1e-6f, "score, dim " + dim);
            }
        }
    }

    @Test
    void descriptorDistancesMatchTheExactOnesToAMillionth() {
        Random r = new Random(17);
        for (int round = 0; round < 2000; round++) {
            float[] a = unit(r);
            float[] b = unit(r);
            assertEquals(Gallery.distance(a, b), Math.sqrt(simd.between(a, b)), 1e-6);
        }
    }

    @Test
    void vectorsOfDifferentLengthsAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> simd.between(new float[128], new float[127]));
        assertEquals("vector dimensions differ: 128 != 127", e.getMessage());
    }

    private static float[] vector(Random r, int dim) {
        float[] v = new float[dim];
        for (int i = 0; i < dim; i++) {
            v[i] = (float) (r.nextGaussian() * 2);
        }
        return v;
    }

    /** Like a face descriptor: 128 dimensions, length 1. */
    static float[] unit(Random r) {
        float[] v = vector(r, FaceDocs.DIMENSION);
        double n = 0;
        for (float x : v) {
            n += x * x;
        }
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (v[i] / Math.sqrt(n));
        }
        return v;
    }
}
