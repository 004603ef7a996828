package io.facefleet.engine;

import io.facefleet.engine.image.ImageOps;
import io.facefleet.engine.image.RgbImage;

/**
 * How usable a found face is, measured on the image it was found in: its size, how sharp and
 * how bright its crop is, and the head's pose. Each figure is documented with its range in the
 * README and the OpenAPI document; {@code QualityBounds} (recognition) judges them.
 *
 * @param size       the face's size in image pixels: the side of the aligned face crop that the
 *                   recognition net reads (the "dlib" square from the eyes and mouth, about the
 *                   face from brows to chin); 0 when there is none. For a frontal face it is
 *                   close to the detection box's width
 * @param sharpness  0..1: the variance of the (4-neighbour) Laplacian of the crop's luma over the
 *                   variance of the luma itself, r, mapped to r / (r + {@value #SHARPNESS_HALF}); the
 *                   crop is first reduced to at most {@value #SHARPNESS_SIDE} px a side so that big
 *                   and small faces are judged on the same detail. Dividing by the luma's variance
 *                   makes it independent of contrast and light (a dark face is dark, not blurred).
 *                   A flat crop is 0; the demo photos' faces score 0.32-0.64, the same photos
 *                   shrunk twelve times and enlarged back 0.03-0.11
 * @param brightness 0..1: the mean luma (BT.601, 0.299 R + 0.587 G + 0.114 B) of the crop over 255
 * @param yaw        degrees, -90..90 (see {@link HeadPose})
 * @param pitch      degrees, -90..90
 * @param roll       degrees, -180..180
 */
public record FaceQuality(int size, float sharpness, float brightness, float yaw, float pitch, float roll) {

    /** Largest crop side the Laplacian is taken on. */
    static final int SHARPNESS_SIDE = 64;
    /** Ratio of Laplacian variance to luma variance that maps to sharpness 0.5. */
    static final double SHARPNESS_HALF = 0.25;

    /** The quality of the face with these landmarks and detection in {@code image}. */
    public static FaceQuality measure(RgbImage image, Detection detection, float[][] landmarks) {
        HeadPose.Angles pose = HeadPose.estimate(landmarks);
        FaceAligner.Rect box = FaceAligner.landmarkRect(detection, image);
        FaceAligner.Rect crop = box == null ? null : FaceAligner.descriptorRect(landmarks, box, image);
        if (crop == null) {
            return new FaceQuality(0, 0, 0, pose.yaw(), pose.pitch(), pose.roll());
        }
        RgbImage face = ImageOps.crop(image, crop.x(), crop.y(), crop.width(), crop.height());
        return new FaceQuality(Math.max(crop.width(), crop.height()), (float) sharpness(face), (float) brightness(face),
                pose.yaw(), pose.pitch(), pose.roll());
    }

    static double brightness(RgbImage face) {
        byte[] p = face.rgb();
        double sum = 0;
        for (int i = 0; i < p.length; i += 3) {
            sum += luma(p, i);
        }
        return sum / (face.width() * (double) face.height()) / 255.0;
    }

    static double sharpness(RgbImage face) {
        int side = Math.max(face.width(), face.height());
        double scale = side > SHARPNESS_SIDE ? (double) SHARPNESS_SIDE / side : 1;
        int w = Math.max(1, (int) Math.round(face.width() * scale));
        int h = Math.max(1, (int) Math.round(face.height() * scale));
        double[] grey = scale == 1 ? luma(face) : areaAverage(face, w, h);
        if (w < 3 || h < 3) {
            return 0;
        }
        double lapSum = 0;
        double lapSq = 0;
        double sum = 0;
        double sumSq = 0;
        int n = 0;
        for (int y = 1; y < h - 1; y++) {
            for (int x = 1; x < w - 1; x++) {
                int i = y * w + x;
                double lap = grey[i - 1] + grey[i + 1] + grey[i - w] + grey[i + w] - 4 * grey[i];
                lapSum += lap;
                lapSq += lap * lap;
                sum += grey[i];
                sumSq += grey[i] * grey[i];
                n++;
            }
        }
        double lapVariance = Math.max(0, lapSq / n - (lapSum / n) * (lapSum / n));
        double contrast = sumSq / n - (sum / n) * (sum / n);
        if (!(contrast > 1e-6)) {
            return 0; // a flat crop has no detail at all
        }
        double ratio = lapVariance / contrast;
        return ratio / (ratio + SHARPNESS_HALF);
    }

    private static double[] luma(RgbImage face) {
        byte[] p = face.rgb();
        double[] out = new double[face.width() * face.height()];
        for (int i = 0; i < out.length; i++) {
            out[i] = luma(p, 3 * i);
        }
        return out;
    }

    /** Luma reduced by averaging every source pixel into the target pixel it falls in. */
    private static double[] areaAverage(RgbImage face, int w, int h) {
        double[] sum = new double[w * h];
        int[] count = new int[w * h];
        byte[] p = face.rgb();
        for (int y = 0; y < face.height(); y++) {
            int ty = Math.min(h - 1, (int) ((long) y * h / face.height()));
            for (int x = 0; x < face.width(); x++) {
                int tx = Math.min(w - 1, (int) ((long) x * w / face.width()));
                sum[ty * w + tx] += luma(p, 3 * (y * face.width() + x));
                count[ty * w + tx]++;
            }
        }
        for (int i = 0; i < sum.length; i++) {
            sum[i] /= Math.max(1, count[i]);
        }
        return sum;
    }

    private static double luma(byte[] p, int i) {
        return 0.299 * (p[i] & 0xFF) + 0.587 * (p[i + 1] & 0xFF) + 0.114 * (p[i + 2] & 0xFF);
    }
}
