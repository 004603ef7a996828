package io.facefleet.engine;

/**
 * Head pose from the 68 landmarks: a weak-perspective (scaled orthographic) fit of a generic 3D
 * face to eleven of the 2D points, by least squares, then the rotation's Euler angles. No camera
 * model is needed, which suits photos of unknown focal length; the price is that the angles are
 * those of an average face, good to roughly 5-10 degrees, not a measurement of this person's head.
 *
 * <p>Axes: x to the image's right, y up, z towards the camera. Angles in degrees, with the
 * rotation applied as roll · yaw · pitch (z · y · x):
 * <ul>
 * <li>yaw in [-90, 90]: turning about the vertical axis; positive when the face turns towards the
 * image's right (the person looks to their own left);</li>
 * <li>pitch in [-90, 90]: nodding; positive when the face tilts up (chin forward);</li>
 * <li>roll in [-180, 180]: tilting in the image plane; positive when the head leans towards the
 * image's left (counter-clockwise as seen).</li>
 * </ul>
 */
public final class HeadPose {

    /** Landmark indices (the iBUG 68-point scheme) used for the fit. */
    private static final int[] POINTS = {30, 27, 33, 8, 36, 39, 42, 45, 48, 54, 51};

    /**
     * The generic face, in millimetres, nose tip at the origin, x to the face's left (the image's
     * right in a frontal photo), y up, z towards the camera: our own round figures of adult
     * proportions (eye corners 90 mm apart outside, 30 mm inside; mouth 50 mm wide; chin 65 mm
     * below the nose tip).
     */
    private static final double[][] MODEL = {
        {0, 0, 0},          // 30 nose tip
        {0, 38, -20},       // 27 nose bridge between the eyes
        {0, -12, -12},      // 33 under the nose
        {0, -65, -28},      // 8 chin
        {-45, 35, -32},     // 36 outer corner of the eye on the image's left
        {-15, 33, -26},     // 39 inner corner
        {15, 33, -26},      // 42 inner corner of the other eye
        {45, 35, -32},      // 45 outer corner
        {-25, -30, -26},    // 48 mouth corner on the image's left
        {25, -30, -26},     // 54 other mouth corner
        {0, -24, -14},      // 51 top of the upper lip
    };

    private static final double[][] MODEL_CENTRED = centred(MODEL);
    private static final double[][] MODEL_PSEUDO_INVERSE = pseudoInverse(MODEL_CENTRED);

    /** Yaw, pitch and roll in degrees (see the class comment). */
    public record Angles(float yaw, float pitch, float roll) {
    }

    private HeadPose() {
    }

    /** The pose of a face from its 68 landmarks in image pixels (y down). */
    public static Angles estimate(float[][] landmarks) {
        double[][] image = new double[POINTS.length][2];
        for (int i = 0; i < POINTS.length; i++) {
            image[i][0] = landmarks[POINTS[i]][0];
            image[i][1] = -landmarks[POINTS[i]][1]; // y up, as the model's
        }
        double[][] x = centred(image);
        // the 2x3 projection M minimising sum |x_i - M X_i|^2: M = x^T X (X^T X)^-1
        double[] r1 = new double[3];
        double[] r2 = new double[3];
        for (int k = 0; k < 3; k++) {
            for (int i = 0; i < x.length; i++) {
                r1[k] += x[i][0] * MODEL_PSEUDO_INVERSE[i][k];
                r2[k] += x[i][1] * MODEL_PSEUDO_INVERSE[i][k];
            }
        }
        if (!normalise(r1) || !normalise(r2)) {
            return new Angles(0, 0, 0); // all points in one place: no pose to speak of
        }
        orthogonalise(r1, r2);
        double[] r3 = cross(r1, r2);
        // R = Rz(roll) Ry(yaw) Rx(pitch), rows r1, r2, r3
        double yaw = Math.asin(Math.max(-1, Math.min(1, -r3[0])));
        double pitch = Math.atan2(r3[1], r3[2]);
        double roll = Math.atan2(r2[0], r1[0]);
        return new Angles((float) Math.toDegrees(yaw), (float) -Math.toDegrees(pitch), (float) Math.toDegrees(roll));
    }

    /**
     * The 68 landmarks (those the fit reads; the others at the centre) of the generic face seen at
     * these angles, {@code scale} pixels a millimetre, nose tip at ({@code cx}, {@code cy}): the
     * inverse of {@link #estimate}, which pins down the angle conventions in a test.
     */
    static float[][] projectModel(double yaw, double pitch, double roll, double scale, double cx, double cy) {
        double a = Math.toRadians(-pitch);
        double b = Math.toRadians(yaw);
        double c = Math.toRadians(roll);
        double[][] rx = {{1, 0, 0}, {0, Math.cos(a), -Math.sin(a)}, {0, Math.sin(a), Math.cos(a)}};
        double[][] ry = {{Math.cos(b), 0, Math.sin(b)}, {0, 1, 0}, {-Math.sin(b), 0, Math.cos(b)}};
        double[][] rz = {{Math.cos(c), -Math.sin(c), 0}, {Math.sin(c), Math.cos(c), 0}, {0, 0, 1}};
        double[][] r = multiply(rz, multiply(ry, rx));
        float[][] out = new float[68][2];
        for (float[] p : out) {
            p[0] = (float) cx;
            p[1] = (float) cy;
        }
        for (int i = 0; i < POINTS.length; i++) {
            double[] m = MODEL[i];
            double x = r[0][0] * m[0] + r[0][1] * m[1] + r[0][2] * m[2];
            double y = r[1][0] * m[0] + r[1][1] * m[1] + r[1][2] * m[2];
            out[POINTS[i]][0] = (float) (cx + scale * x);
            out[POINTS[i]][1] = (float) (cy - scale * y);
        }
        return out;
    }

    private static double[][] multiply(double[][] p, double[][] q) {
        double[][] out = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                for (int k = 0; k < 3; k++) {
                    out[i][j] += p[i][k] * q[k][j];
                }
            }
        }
        return out;
    }

    /** Rows r1 and r2 made exactly orthogonal, symmetrically (neither is preferred). */
    private static void orthogonalise(double[] r1, double[] r2) {
        double[] sum = new double[3];
        double[] diff = new double[3];
        for (int k = 0; k < 3; k++) {
            sum[k] = r1[k] + r2[k];
            diff[k] = r1[k] - r2[k];
        }
        normalise(sum);
        normalise(diff);
        for (int k = 0; k < 3; k++) {
            r1[k] = (sum[k] + diff[k]) / Math.sqrt(2);
            r2[k] = (sum[k] - diff[k]) / Math.sqrt(2);
        }
    }

    private static boolean normalise(double[] v) {
        double n = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
        if (!(n > 1e-12)) {
            return false;
        }
        for (int k = 0; k < 3; k++) {
            v[k] /= n;
        }
        return true;
    }

    private static double[] cross(double[] a, double[] b) {
        return new double[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
    }

    private static double[][] centred(double[][] p) {
        int dims = p[0].length;
        double[] mean = new double[dims];
        for (double[] row : p) {
            for (int k = 0; k < dims; k++) {
                mean[k] += row[k] / p.length;
            }
        }
        double[][] out = new double[p.length][dims];
        for (int i = 0; i < p.length; i++) {
            for (int k = 0; k < dims; k++) {
                out[i][k] = p[i][k] - mean[k];
            }
        }
        return out;
    }

    /** X (X^T X)^-1, n x 3, for the least-squares fit. */
    private static double[][] pseudoInverse(double[][] m) {
        double[][] g = new double[3][3];
        for (double[] row : m) {
            for (int a = 0; a < 3; a++) {
                for (int b = 0; b < 3; b++) {
                    g[a][b] += row[a] * row[b];
                }
            }
        }
        double[][] inv = invert3(g);
        double[][] out = new double[m.length][3];
        for (int i = 0; i < m.length; i++) {
            for (int k = 0; k < 3; k++) {
                for (int j = 0; j < 3; j++) {
                    out[i][k] += m[i][j] * inv[j][k];
                }
            }
        }
        return out;
    }

    private static double[][] invert3(double[][] a) {
        double det = a[0][0] * (a[1][1] * a[2][2] - a[1][2] * a[2][1])
                - a[0][1] * (a[1][0] * a[2][2] - a[1][2] * a[2][0])
                + a[0][2] * (a[1][0] * a[2][1] - a[1][1] * a[2][0]);
        double[][] inv = new double[3][3];
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 3; c++) {
                int r1 = (c + 1) % 3;
                int r2 = (c + 2) % 3;
                int c1 = (r + 1) % 3;
                int c2 = (r + 2) % 3;
                inv[r][c] = (a[r1][c1] * a[r2][c2] - a[r1][c2] * a[r2][c1]) / det;
            }
        }
        return inv;
    }
}
