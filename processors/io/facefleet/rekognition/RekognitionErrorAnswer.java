package io.facefleet.rekognition;

import io.facefleet.messaging.ReplyAwaiter;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A failed Rekognition call answered in the JSON 1.1 error shape the SDKs read: the status, the
 * type in both {@code x-amzn-ErrorType} and {@code __type}, the message as {@code message} and
 * {@code Message}, the request id, {@code Date} (the SDKs correct their clock from it after a
 * signature-expired answer) and {@code Retry-After} when there is one.
 */
public final class RekognitionErrorAnswer implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(RekognitionErrorAnswer.class);

    private final ReplyAwaiter awaiter;

    public RekognitionErrorAnswer(ReplyAwaiter awaiter) {
        this.awaiter = awaiter;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Throwable e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        AwsError error = RekognitionErrors.of(e);
        if (error == null) {
            LOG.error("Rekognition request failed", e);
            error = new AwsError(500, "InternalServerError", "internal error");
        }
        String id = exchange.getProperty(ReplyAwaiter.REQUEST_ID, String.class);
        if (id != null) {
            awaiter.cancel(id);
        }
        Message m = exchange.getMessage();
        m.removeHeaders("*");
        m.setHeader(Exchange.HTTP_RESPONSE_CODE, error.awsStatus());
        m.setHeader("x-amzn-ErrorType", error.type());
        if (error.retryAfterSeconds() > 0) {
            m.setHeader("Retry-After", Integer.toString(error.retryAfterSeconds()));
        }
        var body = io.facefleet.json.Mappers.json().createObjectNode().put("__type", error.type())
                .put("message", error.getMessage()).put("Message", error.getMessage());
        RekognitionAnswer.write(exchange, error.awsStatus(), body);
    }
}
