package io.facefleet.engine.image;

/**
 * An upload that {@link ImageDecoder} will not turn into pixels, with a machine-readable
 * {@link Reason} (and its HTTP status) and a message meant for the person who sent it.
 *
 * <p>Unchecked so that callers on the request path can let it travel to the one place that maps
 * it to a response or an error reply; it is the client's fault, never a server error.
 */
public final class ImageRejectedException extends RuntimeException {

    /**
     * Why an upload was refused. The HTTP statuses follow one rule: 400 when the request carries
     * no image at all, 413 when the upload is over a size limit (in bytes, or in pixels once
     * decoded), 415 when the bytes are not an image type the service takes, and 422 when they
     * are one of those types but the content cannot be used (cut short, damaged, too small).
     */
    public enum Reason {
        /** No bytes at all. */
        EMPTY(400),
        /** More bytes than {@link ImageLimits#maxBytes()}. */
        TOO_LARGE(413),
        /** Not an image file of any kind we recognise (text, PDF, random bytes...). */
        NOT_AN_IMAGE(415),
        /** An image, but in a format or variant we do not decode (HEIC, AVIF, animated WebP, 12-bit JPEG...). */
        UNSUPPORTED_FORMAT(415),
        /** An image that ends before its end marker or its pixel data. */
        TRUNCATED(422),
        /** Width or height below {@link ImageLimits#minSide()}. */
        TOO_SMALL(422),
        /** Width x height above {@link ImageLimits#maxPixels()}, read from the header. */
        TOO_MANY_PIXELS(413),
        /** The structure or the compressed data is damaged and the decoder gave up. */
        CORRUPT(422);

        private final int httpStatus;

        Reason(int httpStatus) {
            this.httpStatus = httpStatus;
        }

        /** The HTTP status to answer with (see the rule on {@link Reason}). */
        public int httpStatus() {
            return httpStatus;
        }
    }

    private static final long serialVersionUID = 1L;

    private final Reason reason;

    public ImageRejectedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public ImageRejectedException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    /** Shorthand for {@code reason().httpStatus()}. */
    public int httpStatus() {
        return reason.httpStatus();
    }
}
