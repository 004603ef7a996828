package io.facefleet.testing;

import java.util.Random;

/**
 * 128-D descriptors drawn like face-api's: a centre per subject and noise per photo. Faces of
 * one subject lie about 0.33-0.42 apart, faces of different subjects 0.65-1.0 (face-api's own
 * figures are 0.3-0.5 and 0.8-1.0), so the 0.6 threshold separates them as it does real faces.
 * Two draws of the centres:
 * <ul>
 * <li>{@link #SyntheticFaces(long) isotropic}: unit length, a component every face shares plus a
 * centre in a random direction, so subjects spread over all 128 dimensions alike (different
 * subjects 0.80-0.96 apart): the hardest case for a graph index, and not what real faces do;</li>
 * <li>{@link #likeReal like real faces}: centres with the covariance of a pool of real faces'
 * descriptors (each centre the pool's mean plus a random combination of its members, a little
 * isotropic spread mixed in), so they share the pool's few dominant directions and its spread of
 * distances; not unit length, as face-api's descriptors are not (norm about 1.44).</li>
 * </ul>
 */
public final class SyntheticFaces {

    public static final int DIMENSION = 128;
    private static final double SHARED = 1.0;
    private static final double CENTRE = 0.75;
    private static final double NOISE = 0.3;

    private final float[] shared;
    private final long seed;
    /** like-real draw: the pool's mean, and its members centred and scaled (null: isotropic) */
    private final float[] poolMean;
    private final float[][] poolSpread;
    private final double isotropicSd;

    public SyntheticFaces(long seed) {
        this.seed = seed;
        this.shared = scaled(gaussian(new Random(seed)), SHARED);
        this.poolMean = null;
        this.poolSpread = null;
        this.isotropicSd = 0;
    }

    private SyntheticFaces(long seed, float[] mean, float[][] spread, double isotropicSd) {
        this.seed = seed;
        this.shared = null;
        this.poolMean = mean;
        this.poolSpread = spread;
        this.isotropicSd = isotropicSd;
    }

    /**
     * Centres with the covariance of {@code pool} (real descriptors, one per person), shrunk by
     * {@code shrink} (0-1) towards isotropic spread of the same total, less the photo noise's
     * share, so faces of different subjects lie as far apart as the pool's people do.
     */
    public static SyntheticFaces likeReal(long seed, java.util.List<float[]> pool, double shrink) {
        int n = pool.size();
        if (n < 2) {
            throw new IllegalArgumentException("a pool of real faces needs at least 2, has " + n);
        }
        float[] mean = new float[DIMENSION];
        for (float[] x : pool) {
            for (int i = 0; i < DIMENSION; i++) {
                mean[i] += x[i] / n;
            }
        }
        double total = 0;
        for (float[] x : pool) {
            for (int i = 0; i < DIMENSION; i++) {
                total += (x[i] - mean[i]) * (x[i] - (double) mean[i]) / (n - 1);
            }
        }
        // each pool face is one photo, so its spread holds one photo's noise: the centres keep the rest
        double centreShare = Math.max(0, total - NOISE * NOISE) / total;
        double f = Math.sqrt(centreShare * (1 - shrink) / (n - 1));
        float[][] spread = new float[n][DIMENSION];
        for (int k = 0; k < n; k++) {
            for (int i = 0; i < DIMENSION; i++) {
                spread[k][i] = (float) ((pool.get(k)[i] - mean[i]) * f);
            }
        }
        return new SyntheticFaces(seed, mean, spread, Math.sqrt(centreShare * shrink * total / DIMENSION));
    }

    /** The centre of subject {@code s} (the same for every call). */
    public float[] centre(int s) {
        Random r = new Random(seed * 1_000_003L + s);
        if (poolSpread == null) {
            return scaled(gaussian(r), CENTRE);
        }
        // mean + sum of z_k (x_k - mean) / sqrt(n - 1): the pool's covariance exactly
        float[] c = poolMean.clone();
        for (float[] x : poolSpread) {
            float z = (float) r.nextGaussian();
            for (int i = 0; i < DIMENSION; i++) {
                c[i] += z * x[i];
            }
        }
        for (int i = 0; i < DIMENSION; i++) {
            c[i] += (float) (isotropicSd * r.nextGaussian());
        }
        return c;
    }

    /** Photo {@code photo} of subject {@code s}: its centre plus noise (unit length in the isotropic draw). */
    public float[] face(int s, long photo) {
        return face(centre(s), s, photo);
    }

    /** Photo {@code photo} of subject {@code s} whose {@link #centre} the caller already holds (a build draws it once per subject). */
    public float[] face(float[] c, int s, long photo) {
        float[] n = scaled(gaussian(new Random((seed + 7) * 31 + s * 1_000_033L + photo)), NOISE);
        float[] v = new float[DIMENSION];
        for (int i = 0; i < DIMENSION; i++) {
            v[i] = (shared == null ? 0 : shared[i]) + c[i] + n[i];
        }
        return shared == null ? v : scaled(v, 1.0);
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
