package io.facefleet.engine;

/**
 * A face found in an image: its detection, 68 landmarks ([68][2], image pixels), 128-D
 * descriptor and quality (null when not measured).
 */
public record Face(Detection detection, float[][] landmarks, float[] descriptor, FaceQuality quality) {

    /** A face whose quality was not measured. */
    public Face(Detection detection, float[][] landmarks, float[] descriptor) {
        this(detection, landmarks, descriptor, null);
    }
}
