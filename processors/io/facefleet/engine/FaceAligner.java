package io.facefleet.engine;

import io.facefleet.engine.image.ImageOps;
import io.facefleet.engine.image.RgbImage;
import io.facefleet.engine.nets.FaceLandmark68Net;
import io.facefleet.engine.nets.FaceRecognitionNet;

/**
 * The crops between the nets, as face-api.js makes them (nets digest, 2.1, 2.4, 3.1): the
 * detection box clipped and floored for the landmark net, the decoding of its 136 outputs into
 * image pixels, and the axis-aligned "dlib" crop from the landmarks for the recognition net.
 */
public final class FaceAligner {

    private FaceAligner() {
    }

    /** Integer rectangle inside the image. */
    record Rect(int x, int y, int width, int height) {
        boolean isEmpty() {
            return width <= 0 || height <= 0;
        }
    }

    /** face-api's clipAtImageBorders: clip to the image, then floor each value. */
    static Rect clip(double x, double y, double w, double h, int imageW, int imageH) {
        double cx = Math.max(x, 0);
        double cy = Math.max(y, 0);
        double cw = Math.min(x + w - cx, imageW - cx);
        double ch = Math.min(y + h - cy, imageH - cy);
        return new Rect((int) Math.floor(cx), (int) Math.floor(cy), (int) Math.floor(cw), (int) Math.floor(ch));
    }

    /** The landmark net's crop of a detection; null when the box has no pixels inside the image. */
    static Rect landmarkRect(Detection d, RgbImage img) {
        Rect r = clip(d.x(), d.y(), d.width(), d.height(), img.width(), img.height());
        return r.isEmpty() ? null : r;
    }

    /** Landmark-net input: crop, centred pad, resize to 112 (float HWC). */
    static float[] landmarkInput(RgbImage img, Rect r) {
        RgbImage crop = ImageOps.crop(img, r.x(), r.y(), r.width(), r.height());
        return ImageOps.resizeBilinear(ImageOps.padToSquare(crop, true), FaceLandmark68Net.INPUT_SIZE);
    }

    /** Decodes the landmark net's 136 outputs into 68 image-pixel points (2.4, with its quirks). */
    static float[][] decodeLandmarks(float[] out, Rect crop, Detection d) {
        double w = crop.width();
        double h = crop.height();
        double s = FaceLandmark68Net.INPUT_SIZE / Math.max(w, h);
        double ws = w * s;
        double hs = h * s;
        double padX = ws < hs ? (hs - ws) / 2 : 0;
        double padY = hs < ws ? (ws - hs) / 2 : 0;
        float[][] points = new float[68][2];
        for (int i = 0; i < 68; i++) {
            double xRel = (out[2 * i] * FaceLandmark68Net.INPUT_SIZE - padX) / ws;
            double yRel = (out[2 * i + 1] * FaceLandmark68Net.INPUT_SIZE - padY) / hs;
            // the shift uses the unfloored box origin while the crop used the floored one
            points[i][0] = (float) (xRel * w + d.x());
            points[i][1] = (float) (yRel * h + d.y());
        }
        return points;
    }

    /** The recognition net's crop from the landmarks (3.1); null when it is empty. */
    static Rect descriptorRect(float[][] p, Rect landmarkCrop, RgbImage img) {
        double[] le = mean(p, 36, 42);
        double[] re = mean(p, 42, 48);
        double[] m = mean(p, 48, 68);
        double d = (Math.hypot(m[0] - le[0], m[1] - le[1]) + Math.hypot(m[0] - re[0], m[1] - re[1])) / 2;
        double size = Math.floor(d / 0.45);
        double refX = (le[0] + re[0] + m[0]) / 3;
        double refY = (le[1] + re[1] + m[1]) / 3;
        double x = Math.floor(Math.max(0, refX - 0.5 * size));
        double y = Math.floor(Math.max(0, refY - 0.43 * size));
        double w = Math.min(size, landmarkCrop.width() + x);
        double h = Math.min(size, landmarkCrop.height() + y);
        Rect r = clip(x, y, w, h, img.width(), img.height());
        return r.isEmpty() ? null : r;
    }

    /** Recognition-net input: crop, centred pad, resize to 150 (float HWC). */
    static float[] descriptorInput(RgbImage img, Rect r) {
        RgbImage crop = ImageOps.crop(img, r.x(), r.y(), r.width(), r.height());
        return ImageOps.resizeBilinear(ImageOps.padToSquare(crop, true), FaceRecognitionNet.INPUT_SIZE);
    }

    /** The mean point of landmarks {@code from} (inclusive) to {@code to} (exclusive). */
    static double[] mean(float[][] p, int from, int to) {
        double sx = 0;
        double sy = 0;
        for (int i = from; i < to; i++) {
            sx += p[i][0];
            sy += p[i][1];
        }
        return new double[] {sx / (to - from), sy / (to - from)};
    }
}
