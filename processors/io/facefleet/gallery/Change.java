package io.facefleet.gallery;

/** One change to a collection, as the journal holds it. Applying a change twice has the effect of once. */
sealed interface Change {

    /** A new face; {@code ord} orders faces for paging (increasing in enrolment order). */
    record AddFace(String id, String subject, String source, String sha256, long enrolledAtMillis, long ord, float[] descriptor)
            implements Change {
    }

    record DeleteFace(String id) implements Change {
    }

    record DeleteSubject(String subject) implements Change {
    }
}
