package io.facefleet.compreface;

import io.facefleet.engine.image.ImageRejectedException;
import io.facefleet.gallery.GalleryException;
import io.facefleet.json.Mappers;
import io.facefleet.messaging.HttpError;
import io.facefleet.messaging.ReplyAwaiter;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Any failure of a CompreFace route as CompreFace answers it: {@code {"message": ..., "code": N}}
 * with the status. Failures of the shared steps (admission 503, the reply's 504, the gallery, the
 * queue or the storage) keep their status, with code 41 for the service's own trouble.
 */
public final class CompreFaceErrors implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(CompreFaceErrors.class);
    /** Retry-After of a 503 caused by SQS or S3 being unreachable, as the JSON API's. */
    private static final int BACKEND_RETRY_AFTER_SECONDS = 10;

    private final ReplyAwaiter awaiter;

    public CompreFaceErrors(ReplyAwaiter awaiter) {
        this.awaiter = awaiter;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        CompreFaceError e = of(exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class));
        String id = exchange.getProperty(ReplyAwaiter.REQUEST_ID, String.class);
        if (id != null && e.status() != 504) {
            awaiter.cancel(id);
        }
        var msg = exchange.getMessage();
        msg.removeHeaders("*");
        msg.setHeader(Exchange.HTTP_RESPONSE_CODE, e.status());
        if (e.retryAfterSeconds() > 0) {
            msg.setHeader("Retry-After", Integer.toString(e.retryAfterSeconds()));
        }
        msg.setHeader(Exchange.CONTENT_TYPE, "application/json");
        msg.setBody(Mappers.json().writeValueAsString(
                Mappers.json().createObjectNode().put("message", e.getMessage()).put("code", e.code())));
    }

    static CompreFaceError of(Throwable e) {
        while (e instanceof org.apache.camel.RuntimeCamelException && e.getCause() != null) {
            e = e.getCause();
        }
        if (e instanceof CompreFaceError c) {
            return c;
        }
        if (e instanceof HttpError h) {
            int code = h.status() >= 500 ? CompreFaceError.FACES_SERVICE_EXCEPTION
                    : h.status() == 404 ? CompreFaceError.MODEL_NOT_FOUND : CompreFaceError.UNDEFINED;
            return new CompreFaceError(h.status(), code, h.getMessage(), h.retryAfterSeconds());
        }
        if (e instanceof ImageRejectedException r) {
            return new CompreFaceError(400, CompreFaceError.UNAVAILABLE_FILE_EXTENSION, r.getMessage());
        }
        if (e instanceof IllegalArgumentException) {
            return new CompreFaceError(400, CompreFaceError.INCORRECT_ARGUMENT, e.getMessage());
        }
        if (e instanceof SdkException) {
            LOG.warn("request failed after retries: {}", e.getMessage());
            return new CompreFaceError(503, CompreFaceError.FACES_SERVICE_EXCEPTION, "the queue or the storage is unavailable; retry shortly",
                    BACKEND_RETRY_AFTER_SECONDS);
        }
        if (e instanceof GalleryException) {
            return new CompreFaceError(503, CompreFaceError.FACES_SERVICE_EXCEPTION, "the gallery is unavailable");
        }
        LOG.error("request failed", e);
        return new CompreFaceError(500, CompreFaceError.FACES_SERVICE_EXCEPTION, "internal error");
    }
}
