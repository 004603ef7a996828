package io.facefleet.compreface;

/**
 * A failure answered in CompreFace's shape {@code {"message": ..., "code": N}}: the HTTP status and
 * CompreFace's own error code (its {@code CommonExceptionCode} numbers, so clients that branch on
 * them, as Double Take does on 28, keep working).
 */
public final class CompreFaceError extends RuntimeException {

    /** Anything without a code of its own. */
    public static final int UNDEFINED = 0;
    /** The API key names no model (collection) here. */
    public static final int MODEL_NOT_FOUND = 10;
    /** prediction_count below 1. */
    public static final int INCORRECT_PREDICTION_COUNT = 12;
    /** No x-api-key header while keys are configured. */
    public static final int MISSING_REQUEST_HEADER = 20;
    /** The file is no image this service reads. */
    public static final int UNAVAILABLE_FILE_EXTENSION = 21;
    /** A parameter out of range or not a number, a face below the quality bounds. */
    public static final int VALIDATION_CONSTRAINT_VIOLATION = 26;
    /** No face (above det_prob_threshold) in the image: Double Take reads this as "no faces". */
    public static final int NO_FACES_FOUND = 28;
    /** An example image with more than one face. */
    public static final int TOO_MANY_FACES = 31;
    /** A required query parameter (subject) is missing. */
    public static final int MISSING_REQUEST_PARAMETER = 33;
    /** The multipart field {@code file} is missing. */
    public static final int MISSING_REQUEST_PART = 34;
    /** A subject name this service refuses. */
    public static final int INCORRECT_ARGUMENT = 36;
    /** The recognition backend failed or is unavailable. */
    public static final int FACES_SERVICE_EXCEPTION = 41;

    private final int status;
    private final int code;
    private final int retryAfterSeconds;

    public CompreFaceError(int status, int code, String message) {
        this(status, code, message, 0);
    }

    public CompreFaceError(int status, int code, String message, int retryAfterSeconds) {
        super(message);
        this.status = status;
        this.code = code;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** CompreFace's answer when no face is found: 400, code 28. */
    public static CompreFaceError noFaces() {
        return new CompreFaceError(400, NO_FACES_FOUND, "No face is found in the given image");
    }

    public int status() {
        return status;
    }

    public int code() {
        return code;
    }

    /** Seconds a client should wait before retrying (0: no Retry-After header). */
    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
