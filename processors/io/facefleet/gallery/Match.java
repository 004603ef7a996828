package io.facefleet.gallery;

/**
 * The nearest enrolled subject of a descriptor.
 *
 * @param subject the subject's name, or null when no example is under the threshold
 * @param distance euclidean distance to the nearest example (infinite when the gallery is empty)
 */
public record Match(String subject, float distance) {

    public boolean known() {
        return subject != null;
    }

    /** The subject's name, or {@code unknownLabel}. */
    public String labelOr(String unknownLabel) {
        return subject != null ? subject : unknownLabel;
    }
}
