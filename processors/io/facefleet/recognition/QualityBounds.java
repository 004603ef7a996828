package io.facefleet.recognition;

import io.facefleet.engine.FaceQuality;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The least quality a face must have to be enrolled, and below which a recognised face is
 * reported as {@code lowQuality}. Reasons are named after Rekognition's UnindexedFaces reasons.
 *
 * @param minFaceSize   smallest {@link FaceQuality#size()} in pixels
 * @param minSharpness  smallest {@link FaceQuality#sharpness()} (0..1)
 * @param minBrightness smallest {@link FaceQuality#brightness()} (0..1)
 * @param maxYaw        largest |yaw| in degrees
 * @param maxPitch      largest |pitch| in degrees
 */
public record QualityBounds(int minFaceSize, float minSharpness, float minBrightness, float maxYaw, float maxPitch) {

    /** Why a face falls short. */
    public enum Reason {
        TOO_SMALL, TOO_BLURRED, TOO_DARK, EXTREME_POSE
    }

    /** No bound at all: every face passes (for callers that do not judge quality). */
    public static final QualityBounds NONE = new QualityBounds(0, 0, 0, 90, 90);

    public QualityBounds {
        if (minFaceSize < 0 || minSharpness < 0 || minSharpness > 1 || minBrightness < 0 || minBrightness > 1
                || maxYaw <= 0 || maxYaw > 90 || maxPitch <= 0 || maxPitch > 90) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "quality bounds out of range: min size %d (>= 0), min sharpness %s and min brightness %s (0..1),"
                            + " max yaw %s and max pitch %s (degrees, 0 < x <= 90)",
                    minFaceSize, minSharpness, minBrightness, maxYaw, maxPitch));
        }
    }

    /** The reasons {@code q} falls short, in the order of {@link Reason}; empty when it passes or was not measured. */
    public List<Reason> failed(FaceQuality q) {
        List<Reason> out = new ArrayList<>(4);
        if (q == null) {
            return out;
        }
        if (q.size() < minFaceSize) {
            out.add(Reason.TOO_SMALL);
        }
        if (q.sharpness() < minSharpness) {
            out.add(Reason.TOO_BLURRED);
        }
        if (q.brightness() < minBrightness) {
            out.add(Reason.TOO_DARK);
        }
        if (Math.abs(q.yaw()) > maxYaw || Math.abs(q.pitch()) > maxPitch) {
            out.add(Reason.EXTREME_POSE);
        }
        return out;
    }

    /** Each failed reason with the measured value and the bound, for a person to read. */
    public String explain(FaceQuality q) {
        List<String> parts = new ArrayList<>();
        for (Reason r : failed(q)) {
            parts.add(switch (r) {
                case TOO_SMALL -> String.format(Locale.ROOT, "TOO_SMALL (the face is %d px, at least %d are needed)",
                        q.size(), minFaceSize);
                case TOO_BLURRED -> String.format(Locale.ROOT, "TOO_BLURRED (sharpness %.3f, at least %.3f is needed)",
                        q.sharpness(), minSharpness);
                case TOO_DARK -> String.format(Locale.ROOT, "TOO_DARK (brightness %.3f, at least %.3f is needed)",
                        q.brightness(), minBrightness);
                case EXTREME_POSE -> String.format(Locale.ROOT,
                        "EXTREME_POSE (yaw %.0f and pitch %.0f degrees, at most %.0f and %.0f are allowed)",
                        q.yaw(), q.pitch(), maxYaw, maxPitch);
            });
        }
        return String.join(", ", parts);
    }
}
