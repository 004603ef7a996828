package io.facefleet.web;

import io.facefleet.messaging.HttpError;
import io.facefleet.messaging.Reply;
import io.facefleet.storage.StorageKeys;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** The seed contract's answer: {@code 200 text/plain "<name without extension>:<label>"}. */
public final class SeedAnswer implements Processor {

    @Override
    public void process(Exchange exchange) {
        Reply reply = exchange.getMessage().getBody(Reply.class);
        if (reply.status() != 200) {
            throw new HttpError(reply.status(), reply.error());
        }
        String stem = StorageKeys.stem(exchange.getProperty(JobSubmitter.UPLOAD_NAME, String.class));
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "text/plain; charset=utf-8");
        exchange.getMessage().setBody(stem + ":" + reply.label());
    }
}
