package io.facefleet.gallery;

/** One enrolled face of a subject: its descriptor and where it came from. */
public record Example(String id, String source, String sha256, long enrolledAtMillis, float[] descriptor) {
}
