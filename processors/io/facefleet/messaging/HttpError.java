package io.facefleet.messaging;

/** A failure that maps to an HTTP status and a short message for the client. */
public class HttpError extends RuntimeException {

    private final int status;
    private final int retryAfterSeconds;

    public HttpError(int status, String message) {
        this(status, message, 0);
    }

    /** @param retryAfterSeconds sent as {@code Retry-After} when positive (503: come back later) */
    public HttpError(int status, String message, int retryAfterSeconds) {
        super(message);
        this.status = status;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public int status() {
        return status;
    }

    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
