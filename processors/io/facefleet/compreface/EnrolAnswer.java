package io.facefleet.compreface;

import io.facefleet.json.Mappers;
import io.facefleet.messaging.Reply;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** CompreFace's add-example answer from the worker's {@code enroll} result: 201 {@code {"image_id", "subject"}}. */
public final class EnrolAnswer implements Processor {

    @Override
    public void process(Exchange exchange) throws Exception {
        Reply reply = exchange.getMessage().getBody(Reply.class);
        if (reply.status() != 200) {
            throw ReplyFailure.of(reply);
        }
        var answer = Mappers.json().createObjectNode()
                .put("image_id", reply.result().path("exampleId").asText())
                .put("subject", reply.result().path("subject").asText());
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 201);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getMessage().setBody(Mappers.json().writeValueAsString(answer));
    }
}
