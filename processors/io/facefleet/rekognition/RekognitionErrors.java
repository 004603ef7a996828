package io.facefleet.rekognition;

import io.facefleet.engine.image.ImageRejectedException;
import io.facefleet.gallery.GalleryException;
import io.facefleet.messaging.HttpError;
import io.facefleet.recognition.EnrolmentException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Any failure as the AWS error Rekognition would answer (docs/decisions.md lists the mapping):
 * facefleet's statuses become their AWS types, back-pressure (a full host, a draining host, the
 * queue or storage down, no reply in time) becomes {@code ThrottlingException} so that the SDKs
 * back off and retry by themselves.
 */
public final class RekognitionErrors {

    /** Retry-After of a throttling answer caused by SQS or S3 being unreachable. */
    private static final int BACKEND_RETRY_AFTER_SECONDS = 10;

    private RekognitionErrors() {
    }

    /** The AWS error of a failure; null for an unexpected one (answered InternalServerError and logged). */
    public static AwsError of(Throwable e) {
        if (e instanceof AwsError a) {
            return a;
        }
        if (e instanceof HttpError h) {
            return ofStatus(h.status(), h.getMessage(), h.retryAfterSeconds());
        }
        if (e instanceof ImageRejectedException r) {
            return ofStatus(r.httpStatus(), r.getMessage(), 0);
        }
        if (e instanceof SdkException) {
            return throttling("the queue or the storage is unavailable; retry shortly", BACKEND_RETRY_AFTER_SECONDS);
        }
        if (e instanceof GalleryException) {
            return new AwsError(500, "InternalServerError", "the gallery is unavailable");
        }
        if (e instanceof IllegalArgumentException || e instanceof EnrolmentException) {
            return AwsError.invalidParameter(e.getMessage());
        }
        return null;
    }

    /** A facefleet status (from a worker's reply or a web-tier refusal) as its AWS error. */
    public static AwsError ofStatus(int status, String message, int retryAfter) {
        return switch (status) {
            case 400 -> AwsError.invalidParameter(message);
            case 401 -> new AwsError(400, "AccessDeniedException", message);
            case 404 -> new AwsError(400, "ResourceNotFoundException", message);
            case 409 -> message != null && message.contains("exists already")
                    ? new AwsError(400, "ResourceAlreadyExistsException", message)
                    : message != null && message.contains("cannot be deleted")
                    ? AwsError.invalidParameter(message)
                    : new AwsError(400, "ServiceQuotaExceededException", message);
            case 413 -> new AwsError(400, "ImageTooLargeException", message);
            case 415, 422 -> new AwsError(400, "InvalidImageFormatException", message);
            case 429, 503, 504 -> throttling(message, retryAfter);
            default -> status >= 400 && status < 500 ? AwsError.invalidParameter(message)
                    : new AwsError(500, "InternalServerError", message);
        };
    }

    private static AwsError throttling(String message, int retryAfter) {
        return new AwsError(400, "ThrottlingException", message, 503, retryAfter);
    }
}
