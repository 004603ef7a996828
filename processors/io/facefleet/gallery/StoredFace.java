package io.facefleet.gallery;

/** An enrolled face as listed: its stable id, subject and where it came from (no descriptor). */
public record StoredFace(String id, String subject, String source, String sha256, long enrolledAtMillis, long ord) {
}
