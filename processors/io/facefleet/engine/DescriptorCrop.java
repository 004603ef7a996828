package io.facefleet.engine;

import io.facefleet.engine.image.RgbImage;

/**
 * Which crop the recognition net sees for a face: face-api's crop from the landmarks
 * ({@link FaceAligner}, what the parity tests check), or, for a face lower than the engine's
 * tiny-face height, that crop held to what its detection box allows ({@link TinyFaceCrop}).
 */
final class DescriptorCrop {

    private DescriptorCrop() {
    }

    /** The net input for one face; null when face-api's landmark crop is empty (no descriptor). */
    static float[] input(RgbImage img, Detection d, float[][] landmarks, FaceAligner.Rect landmarkCrop, int tinyFaceHeight) {
        if (TinyFaceCrop.applies(d, tinyFaceHeight)) {
            return TinyFaceCrop.descriptorInput(img, d, landmarks);
        }
        FaceAligner.Rect r = FaceAligner.descriptorRect(landmarks, landmarkCrop, img);
        return r == null ? null : FaceAligner.descriptorInput(img, r);
    }
}
