package io.facefleet.engine;

import io.facefleet.engine.image.RgbImage;
import io.facefleet.engine.nets.FaceRecognitionNet;

/**
 * The recognition net's crop of a tiny face, taken from its detection box instead of its
 * landmarks. On faces 20-35 px high the landmark net's points are unreliable: between two images
 * a person would call the same photo (2 px shift, 5 % brightness, JPEG re-encode), the eye-mouth
 * distance that sets face-api's crop size varies by up to half, so the 150 px chip zooms in and
 * out and the descriptor moves by up to 0.7. The detection box moves by a pixel or two.
 *
 * <p>The square's side and centre are the ones face-api's landmark crop has, on average, on large
 * faces where the landmarks are reliable (measured on the demo photos and face_recognition's
 * examples: side 0.88 of the box height, centre 0.10 of the height below the box centre; see
 * docs/decisions.md). It is sampled at sub-pixel precision (bilinear, black outside the image, as
 * the net's centred padding is black), since one pixel is 4 % of such a face.
 */
final class TinyFaceCrop {

    /** Side of the square as a fraction of the box height. */
    static final double SIDE_PER_HEIGHT = 0.88;
    /** Vertical offset of the square's centre below the box centre, as a fraction of the height. */
    static final double CENTRE_DROP_PER_HEIGHT = 0.10;

    private TinyFaceCrop() {
    }

    /** Whether a face is tiny: its box lower than {@code tinyFaceHeight} px (0 turns this off). */
    static boolean applies(Detection d, int tinyFaceHeight) {
        return d.height() < tinyFaceHeight;
    }

    /** Recognition-net input (150x150 float HWC) from the detection box alone. */
    static float[] descriptorInput(RgbImage img, Detection d) {
        double side = SIDE_PER_HEIGHT * d.height();
        double cx = d.x() + d.width() / 2.0;
        double cy = d.y() + d.height() / 2.0 + CENTRE_DROP_PER_HEIGHT * d.height();
        return sample(img, cx - side / 2, cy - side / 2, side, FaceRecognitionNet.INPUT_SIZE);
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

    private static int at(RgbImage img, int x, int y, int ch) {
        if (x < 0 || y < 0 || x >= img.width() || y >= img.height()) {
            return 0;
        }
        return img.get(y, x, ch);
    }
}
