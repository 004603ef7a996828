package io.facefleet.engine;

import io.facefleet.engine.image.RgbImage;

/**
 * The crop face-api feeds its age/gender and expression nets: the face's {@code alignedRect}, the
 * tight box of its 68 landmarks grown by 20 % of its width and height (10 % each side), clipped
 * to the image and floored, then centred-padded and resized to 112 like the landmark input. This
 * is not the recognition net's "dlib" crop.
 */
final class AttributeCrop {

    /** face-api's {@code minBoxPadding}: the box grows by this share of its width and height. */
    static final double PADDING = 0.2;

    private AttributeCrop() {
    }

    /**
     * The aligned rect of image-pixel landmarks, clipped to the image; null when nothing of it is
     * inside. As face-api's {@code minBbox}, the maxima start from 0 and the minima from infinity.
     */
    static FaceAligner.Rect rect(float[][] points, RgbImage img) {
        double minX = Double.POSITIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxX = 0;
        double maxY = 0;
        for (float[] p : points) {
            minX = Math.min(minX, p[0]);
            minY = Math.min(minY, p[1]);
            maxX = Math.max(maxX, p[0]);
            maxY = Math.max(maxY, p[1]);
        }
        double w = maxX - minX;
        double h = maxY - minY;
        double padX = w * PADDING;
        double padY = h * PADDING;
        FaceAligner.Rect r = FaceAligner.clip(minX - padX / 2, minY - padY / 2, w + padX, h + padY, img.width(), img.height());
        return r.isEmpty() ? null : r;
    }

    /** The nets' 112x112 input (float HWC, 0..255) for a face, or null when its rect is empty. */
    static float[] input(RgbImage img, float[][] points) {
        FaceAligner.Rect r = rect(points, img);
        return r == null ? null : FaceAligner.landmarkInput(img, r);
    }
}
