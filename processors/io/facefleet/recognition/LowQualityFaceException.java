package io.facefleet.recognition;

import java.util.List;

/** An enrolment image's face is below the quality bounds; a 422 like any unusable enrolment image. */
public final class LowQualityFaceException extends EnrolmentException {

    private static final long serialVersionUID = 1L;

    private final List<QualityBounds.Reason> reasons;

    public LowQualityFaceException(String message, List<QualityBounds.Reason> reasons) {
        super(message);
        this.reasons = List.copyOf(reasons);
    }

    /** Why the face was refused. */
    public List<QualityBounds.Reason> reasons() {
        return reasons;
    }
}
