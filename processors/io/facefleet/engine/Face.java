package io.facefleet.engine;

/** A face found in an image: its detection, 68 landmarks ([68][2], image pixels) and 128-D descriptor. */
public record Face(Detection detection, float[][] landmarks, float[] descriptor) {
}
