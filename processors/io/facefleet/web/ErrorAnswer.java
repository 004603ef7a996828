package io.facefleet.web;

import io.facefleet.engine.image.ImageRejectedException;
import io.facefleet.gallery.GalleryException;
import io.facefleet.json.Mappers;
import io.facefleet.messaging.HttpError;
import io.facefleet.messaging.ReplyAwaiter;
import io.facefleet.recognition.EnrolmentException;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Turns a failure into a short HTTP answer: the status its type names, a one-line message
 * (JSON {@code {"error":…, "status":…}} for the API, text for the seed contract). Unexpected
 * failures answer 500 without internals and are logged.
 */
public final class ErrorAnswer implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorAnswer.class);

    /** Retry-After of a 503 caused by SQS or S3 being unreachable. */
    private static final int BACKEND_RETRY_AFTER_SECONDS = 10;

    private final ReplyAwaiter awaiter;
    /** Answers requests of the AWS protocol (those with an X-Amz-Target header) in its own error shape; null: none. */
    private final Processor awsProtocolErrors;

    public ErrorAnswer(ReplyAwaiter awaiter) {
        this(awaiter, null);
    }

    public ErrorAnswer(ReplyAwaiter awaiter, Processor awsProtocolErrors) {
        this.awaiter = awaiter;
        this.awsProtocolErrors = awsProtocolErrors;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        if (awsProtocolErrors != null && exchange.getMessage().getHeader("X-Amz-Target") != null) {
            awsProtocolErrors.process(exchange);
            return;
        }
        Throwable e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        int status;
        String message;
        int retryAfter = 0;
        if (e instanceof HttpError h) {
            status = h.status();
            message = h.getMessage();
            retryAfter = h.retryAfterSeconds();
        } else if (e instanceof SdkException) {
            // the queue or the storage stayed unreachable through every retry (see web-tier.camel.yaml)
            status = 503;
            message = "the queue or the storage is unavailable; retry shortly";
            retryAfter = BACKEND_RETRY_AFTER_SECONDS;
            LOG.warn("request failed after retries: {}", e.getMessage());
        } else if (e instanceof ImageRejectedException r) {
            status = r.httpStatus();
            message = r.getMessage();
        } else if (e instanceof IllegalArgumentException || e instanceof EnrolmentException) {
            status = 400;
            message = e.getMessage();
        } else if (e instanceof GalleryException) {
            status = 503;
            message = "the gallery is unavailable";
        } else {
            status = 500;
            message = "internal error";
            LOG.error("request failed", e);
        }
        String id = exchange.getProperty(ReplyAwaiter.REQUEST_ID, String.class);
        if (id != null && status != 504) {
            awaiter.cancel(id);
        }
        boolean json = exchange.getMessage().getHeader(Exchange.HTTP_PATH, "", String.class).startsWith("/api/")
                || exchange.getMessage().getHeader(Exchange.HTTP_URI, "", String.class).startsWith("/api/");
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        if (retryAfter > 0) {
            exchange.getMessage().setHeader("Retry-After", Integer.toString(retryAfter));
        }
        if (json) {
            exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
            exchange.getMessage().setBody(Mappers.json().writeValueAsString(
                    Mappers.json().createObjectNode().put("status", status).put("error", message)));
        } else {
            exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "text/plain; charset=utf-8");
            exchange.getMessage().setBody(message);
        }
    }
}
