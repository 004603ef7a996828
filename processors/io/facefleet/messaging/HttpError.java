package io.facefleet.messaging;

/** A failure that maps to an HTTP status and a short message for the client. */
public class HttpError extends RuntimeException {

    private final int status;

    public HttpError(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
