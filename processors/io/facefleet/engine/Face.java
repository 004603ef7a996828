package io.facefleet.engine;

/**
 * A face found in an image: its detection, 68 landmarks ([68][2], image pixels), 128-D
 * descriptor, quality (null when not measured) and attributes (null when none were asked for).
 */
public record Face(Detection detection, float[][] landmarks, float[] descriptor, FaceQuality quality, FaceAttributes attributes) {

    /** A face whose quality was not measured. */
    public Face(Detection detection, float[][] landmarks, float[] descriptor) {
        this(detection, landmarks, descriptor, null, null);
    }

    /** A face without attributes. */
    public Face(Detection detection, float[][] landmarks, float[] descriptor, FaceQuality quality) {
        this(detection, landmarks, descriptor, quality, null);
    }

    /** This face with {@code attributes}. */
    public Face withAttributes(FaceAttributes attributes) {
        return new Face(detection, landmarks, descriptor, quality, attributes);
    }
}
