package io.facefleet.testing;

import java.util.Random;

/**
 * Unit-length 128-D descriptors drawn like face-api's: a common component every face shares,
 * a centre per subject, and noise per photo. Faces of one subject lie about 0.33 apart, faces of
 * different subjects about 0.9 (face-api's own figures are 0.3-0.5 and 0.8-1.0), so the 0.6
 * threshold separates them as it does real faces.
 */
public final class SyntheticFaces {

    public static final int DIMENSION = 128;
    private static final double SHARED = 1.0;
    private static final double CENTRE = 0.75;
    private static final double NOISE = 0.3;

    private final float[] shared;
    private final long seed;

    public SyntheticFaces(long seed) {
        this.seed = seed;
        this.shared = scaled(gaussian(new Random(seed)), SHARED);
    }

    /** The centre of subject {@code s} (the same for every call). */
    public float[] centre(int s) {
        return scaled(gaussian(new Random(seed * 1_000_003L + s)), CENTRE);
    }

    /** Photo {@code photo} of subject {@code s}: its centre plus noise, unit length. */
    public float[] face(int s, long photo) {
        float[] c = centre(s);
        float[] n = scaled(gaussian(new Random((seed + 7) * 31 + s * 1_000_033L + photo)), NOISE);
        float[] v = new float[DIMENSION];
        for (int i = 0; i < DIMENSION; i++) {
            v[i] = shared[i] + c[i] + n[i];
        }
        return scaled(v, 1.0);
    }

    private static float[] gaussian(Random r) {
        float[] v = new float[DIMENSION];
        for (int i = 0; i < DIMENSION; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return v;
    }

    private static float[] scaled(float[] v, double norm) {
        double s = 0;
        for (float x : v) {
            s += x * x;
        }
        double f = norm / Math.sqrt(s);
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) (v[i] * f);
        }
        return out;
    }
}
