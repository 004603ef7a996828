package io.facefleet.rekognition;

import com.fasterxml.jackson.databind.JsonNode;
import io.facefleet.json.Mappers;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * The first step of every Rekognition call: the operation from {@code X-Amz-Target} (400
 * {@code UnknownOperationException} for one we do not answer), a JSON body (empty means
 * {@code {}}; anything else 400 {@code SerializationException}), and a request id for
 * {@code x-amzn-RequestId}. They are left as exchange properties for the operation's route.
 */
public final class RekognitionRequest implements Processor {

    /** Exchange property: the operation's route name (see {@link RekognitionOperation#route()}). */
    public static final String ROUTE = "rekognitionRoute";
    /** Exchange property: the parsed request document. */
    public static final String DOCUMENT = "rekognitionRequest";
    /** Exchange property: the id answered in x-amzn-RequestId. */
    public static final String REQUEST_ID = "rekognitionRequestId";

    @Override
    public void process(Exchange exchange) throws Exception {
        exchange.setProperty(REQUEST_ID, UUID.randomUUID().toString());
        String target = exchange.getMessage().getHeader("X-Amz-Target", String.class);
        RekognitionOperation op = RekognitionOperation.ofTarget(target).orElseThrow(() ->
                new AwsError(400, "UnknownOperationException", "facefleet does not answer the operation " + target));
        String type = exchange.getMessage().getHeader(Exchange.CONTENT_TYPE, "", String.class);
        if (!type.startsWith("application/x-amz-json") && !type.startsWith("application/json")) {
            throw new AwsError(400, "SerializationException", "the body must be application/x-amz-json-1.1, not " + type);
        }
        byte[] body = exchange.getMessage().getBody(byte[].class);
        JsonNode doc;
        try {
            doc = body == null || body.length == 0 ? Mappers.json().createObjectNode() : Mappers.json().readTree(body);
        } catch (Exception e) {
            throw new AwsError(400, "SerializationException", "the body is not a JSON document");
        }
        if (doc == null || !doc.isObject()) {
            throw new AwsError(400, "SerializationException", "the body is a JSON object");
        }
        exchange.setProperty(ROUTE, op.route());
        exchange.setProperty(DOCUMENT, doc);
    }

    /** The request document of the exchange. */
    static JsonNode document(Exchange exchange) {
        return exchange.getProperty(DOCUMENT, JsonNode.class);
    }
}
