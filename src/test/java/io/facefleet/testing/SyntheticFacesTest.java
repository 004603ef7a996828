package io.facefleet.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The like-real draw of the gallery benchmark keeps its pool's shape: faces drawn from a pool
 * that spreads over 4 directions spread over those 4 (plus the shrink's isotropic share), and
 * lie as far apart as the pool's members do; the isotropic draw stays unit length and repeatable.
 */
class SyntheticFacesTest {

    private static final int D = SyntheticFaces.DIMENSION;

    /** 200 "people" spread over the first 4 axes only, offset from the origin as real descriptors are. */
    private static List<float[]> lowRankPool() {
        Random r = new Random(3);
        List<float[]> pool = new ArrayList<>();
        for (int k = 0; k < 200; k++) {
            float[] v = new float[D];
            v[10] = 1.2f;
            for (int i = 0; i < 4; i++) {
                v[i] = (float) (0.4 * r.nextGaussian());
            }
            pool.add(v);
        }
        return pool;
    }

    @Test
    void theLikeRealDrawSpreadsWhereItsPoolSpreadsAndAsFar() {
        List<float[]> pool = lowRankPool();
        SyntheticFaces faces = SyntheticFaces.likeReal(1, pool, 0.0);
        double[] spread = spread(faces);
        double inPool = spread[0];
        double outside = spread[1];
        double apart = 0;
        for (int s = 0; s < 400; s++) {
            float[] c = faces.centre(s);
            float[] other = faces.centre(s + 1000);
            for (int i = 0; i < D; i++) {
                apart += (c[i] - other[i]) * (double) (c[i] - other[i]);
            }
        }
        assertTrue(outside < 1e-6 * inPool, "no spread outside the pool's 4 directions without shrink: " + outside + " against " + inPool);
        // pool members lie sqrt(2 * 4 * 0.16) = 1.13 apart; a photo's noise (0.3) takes its share from the centres
        double expected = Math.sqrt(2 * (4 * 0.16 - 0.09));
        double rms = Math.sqrt(apart / 400);
        assertEquals(expected, rms, 0.08 * expected, "centres of different subjects lie as far apart as the pool's members (less the noise)");
        // with the noise, two photos of different subjects lie as far apart as two pool members
        double faceApart = 0;
        for (int s = 0; s < 400; s++) {
            float[] a = faces.face(s, 1);
            float[] b = faces.face(s + 1000, 1);
            for (int i = 0; i < D; i++) {
                faceApart += (a[i] - b[i]) * (double) (a[i] - b[i]);
            }
        }
        assertEquals(Math.sqrt(2 * 4 * 0.16), Math.sqrt(faceApart / 400), 0.08 * 1.13);
    }

    @Test
    void theShrinkMovesThatShareOfTheSpreadIntoEveryDirection() {
        double[] spread = spread(SyntheticFaces.likeReal(1, lowRankPool(), 0.3));
        double inPool = spread[0];
        double outside = spread[1];
        // 70 % of the centres' spread in the pool's 4 directions, 30 % over all 128 (124 of them outside)
        double share = outside / (inPool + outside);
        assertEquals(0.3 * 124 / 128, share, 0.03, "share of the spread outside the pool's directions");
    }

    /** The spread of 400 centres about the pool's mean: in the pool's 4 directions, and in the other 124. */
    private static double[] spread(SyntheticFaces faces) {
        double inPool = 0;
        double outside = 0;
        for (int s = 0; s < 400; s++) {
            float[] c = faces.centre(s);
            for (int i = 0; i < D; i++) {
                double x = c[i] - (i == 10 ? 1.2 : 0);
                if (i < 4) {
                    inPool += x * x;
                } else {
                    outside += x * x;
                }
            }
        }
        return new double[] {inPool, outside};
    }

    @Test
    void theIsotropicDrawIsUnitLengthAndRepeatable() {
        SyntheticFaces faces = new SyntheticFaces(16);
        float[] f = faces.face(7, 2);
        double norm = 0;
        for (float x : f) {
            norm += x * x;
        }
        assertEquals(1.0, norm, 1e-5, "unit length");
        assertArrayEquals(f, new SyntheticFaces(16).face(7, 2), "the same face for the same seed, subject and photo");
    }
}
