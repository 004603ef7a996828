package io.facefleet.engine;

import io.facefleet.engine.image.RgbImage;
import io.facefleet.engine.nets.FaceRecognitionNet;

/**
 * The recognition net's crop of a tiny face: face-api's square from the landmarks, held inside
 * the range that square has on large faces relative to the detection box. On faces 20-35 px high
 * the landmark net's points are unreliable: between two images a person would call the same
 * photo (2 px shift, 5 % brightness, JPEG re-encode), the eye-mouth distance that sets face-api's
 * crop size varied from 9 to 24 px for one 25 px face, so the 150 px chip zooms in and out and the
 * descriptor moves by up to 0.7. The detection box moves by a pixel or two.
 *
 * <p>On the 29 large faces of the demo photos and face_recognition's examples, face-api's square
 * has a side of 0.73-0.97 of the box height (median 0.89) and a centre 0.02-0.16 of the height
 * below the box centre (see docs/decisions.md). Here the side is held to
 * {@link #MIN_SIDE}-{@link #MAX_SIDE} of the height and the centre to within {@link #MAX_SHIFT}
 * of the box's size around the box centre moved down by {@link #CENTRE_DROP}: plausible
 * landmarks keep face-api's crop (so a tiny face still matches a large enrolment), implausible
 * ones are overruled by the box. The square is sampled at sub-pixel precision (bilinear, black
 * outside the image, as the net's centred padding is black), since one pixel is 4 % of such a face.
 */
final class TinyFaceCrop {

    /** Smallest and largest side of the square, as fractions of the box height. */
    static final double MIN_SIDE = 0.80;
    static final double MAX_SIDE = 0.96;
    /** Expected offset of the square's centre below the box centre, as a fraction of the height. */
    static final double CENTRE_DROP = 0.10;
    /** Largest distance of the square's centre from the expected one, as a fraction of the box's width (x) or height (y). */
    static final double MAX_SHIFT = 0.08;

    private TinyFaceCrop() {
    }

    /** Whether a face is tiny: its box lower than {@code tinyFaceHeight} px (0 turns this off). */
    static boolean applies(Detection d, int tinyFaceHeight) {
        return d.height() < tinyFaceHeight;
    }

    /** Recognition-net input (150x150 float HWC) for a tiny face with its 68 landmarks (image pixels). */
    static float[] descriptorInput(RgbImage img, Detection d, float[][] landmarks) {
        double[] sq = square(d, landmarks);
        return sample(img, sq[0], sq[1], sq[2], FaceRecognitionNet.INPUT_SIZE);
    }

    /** The clamped square: x, y, side in image pixels. */
    static double[] square(Detection d, float[][] landmarks) {
        double h = d.height();
        double boxX = d.x() + d.width() / 2.0;
        double boxY = d.y() + h / 2.0 + CENTRE_DROP * h;
        double[] square = landmarkSquare(landmarks);
        double side = clamp(square[2], MIN_SIDE * h, MAX_SIDE * h);
        double cx = clamp(square[0] + square[2] / 2, boxX - MAX_SHIFT * d.width(), boxX + MAX_SHIFT * d.width());
        double cy = clamp(square[1] + square[2] / 2, boxY - MAX_SHIFT * h, boxY + MAX_SHIFT * h);
        return new double[] {cx - side / 2, cy - side / 2, side};
    }

    /** face-api's square from the landmarks (nets digest 3.1) before its floors: x, y, side. */
    static double[] landmarkSquare(float[][] p) {
        double[] le = FaceAligner.mean(p, 36, 42);
        double[] re = FaceAligner.mean(p, 42, 48);
        double[] m = FaceAligner.mean(p, 48, 68);
        double eyeToMouth = (Math.hypot(m[0] - le[0], m[1] - le[1]) + Math.hypot(m[0] - re[0], m[1] - re[1])) / 2;
        double size = eyeToMouth / 0.45;
        double refX = (le[0] + re[0] + m[0]) / 3;
        double refY = (le[1] + re[1] + m[1]) / 3;
        return new double[] {refX - 0.5 * size, refY - 0.43 * size, size};
    }

    /** Bilinear sample of the square at (x, y) with this side into size x size, pixel centres aligned. */
    static float[] sample(RgbImage img, double x, double y, double side, int size) {
        float[] out = new float[size * size * 3];
        double step = side / size;
        for (int r = 0; r < size; r++) {
            double sy = y + (r + 0.5) * step - 0.5;
            int y0 = (int) Math.floor(sy);
            double fy = sy - y0;
            for (int c = 0; c < size; c++) {
                double sx = x + (c + 0.5) * step - 0.5;
                int x0 = (int) Math.floor(sx);
                double fx = sx - x0;
                int o = (r * size + c) * 3;
                for (int ch = 0; ch < 3; ch++) {
                    double top = (1 - fx) * at(img, x0, y0, ch) + fx * at(img, x0 + 1, y0, ch);
                    double bottom = (1 - fx) * at(img, x0, y0 + 1, ch) + fx * at(img, x0 + 1, y0 + 1, ch);
                    out[o + ch] = (float) ((1 - fy) * top + fy * bottom);
                }
            }
        }
        return out;
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }


    private static int at(RgbImage img, int x, int y, int ch) {
        if (x < 0 || y < 0 || x >= img.width() || y >= img.height()) {
            return 0;
        }
        return img.get(y, x, ch);
    }
}
