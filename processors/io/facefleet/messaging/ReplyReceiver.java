package io.facefleet.messaging;

import io.facefleet.json.Mappers;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** Parses a reply message and hands it to the {@link ReplyAwaiter}. */
public final class ReplyReceiver implements Processor {

    private final ReplyAwaiter awaiter;

    public ReplyReceiver(ReplyAwaiter awaiter) {
        this.awaiter = awaiter;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        awaiter.complete(Mappers.json().readValue(exchange.getMessage().getBody(String.class), Reply.class));
    }
}
