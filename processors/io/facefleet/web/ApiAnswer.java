package io.facefleet.web;

import io.facefleet.json.Mappers;
import io.facefleet.messaging.HttpError;
import io.facefleet.messaging.Reply;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** The JSON API's answer: the worker's result document, with request id and timings. */
public final class ApiAnswer implements Processor {

    @Override
    public void process(Exchange exchange) throws Exception {
        Reply reply = exchange.getMessage().getBody(Reply.class);
        if (reply.status() != 200) {
            throw new HttpError(reply.status(), reply.error());
        }
        var doc = Mappers.json().createObjectNode();
        doc.put("requestId", reply.requestId());
        doc.setAll((com.fasterxml.jackson.databind.node.ObjectNode) reply.result());
        doc.putObject("timings").put("queuedMillis", reply.queuedMillis()).put("workMillis", reply.workMillis());
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getMessage().setBody(Mappers.json().writeValueAsString(doc));
    }
}
