package io.facefleet.boot;

import io.facefleet.recognition.QualityBounds;

/** The face quality bounds from the {@code facefleet.quality.*} settings (service and command line alike). */
public final class QualitySettings {

    private QualitySettings() {
    }

    public static QualityBounds bounds(Settings s) {
        return new QualityBounds(s.getInt("facefleet.quality.min-face-size"), s.getFloat("facefleet.quality.min-sharpness"),
                s.getFloat("facefleet.quality.min-brightness"), s.getFloat("facefleet.quality.max-yaw"),
                s.getFloat("facefleet.quality.max-pitch"));
    }
}
