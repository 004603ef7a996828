package io.facefleet.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.facefleet.testing.Exchanges;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.facefleet.messaging.HttpError;
import io.facefleet.messaging.ReplyAwaiter;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;

/** ErrorAnswer alone: each failure becomes its status and a one-line answer, nothing of the internals. */
class ErrorAnswerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final ReplyAwaiter awaiter = new ReplyAwaiter(60_000, ms -> { });
    private final ErrorAnswer answer = new ErrorAnswer(awaiter);

    private static Exchange failed(String path, Throwable e) {
        Exchange exchange = Exchanges.plain();
        exchange.getMessage().setHeader(Exchange.HTTP_PATH, path);
        exchange.getMessage().setHeader("X-API-Key", "secret-of-the-client");
        exchange.getMessage().setBody("the request body");
        exchange.setProperty(Exchange.EXCEPTION_CAUGHT, e);
        return exchange;
    }

    @Test
    void anApiErrorIsJsonWithItsStatusAndRetryAfter() throws Exception {
        Exchange exchange = failed("/api/v1/recognize", new HttpError(503, "at capacity", 5));
        answer.process(exchange);
        assertEquals(503, exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE));
        assertEquals("5", exchange.getMessage().getHeader("Retry-After"));
        assertEquals("application/json", exchange.getMessage().getHeader(Exchange.CONTENT_TYPE));
        JsonNode body = JSON.readTree(exchange.getMessage().getBody(String.class));
        assertEquals(503, body.get("status").asInt());
        assertEquals("at capacity", body.get("error").asText());
        assertNull(exchange.getMessage().getHeader("X-API-Key"), "request headers are not answered back");
    }

    @Test
    void theSeedContractGetsText() throws Exception {
        Exchange exchange = failed("/", new HttpError(400, "send the image"));
        answer.process(exchange);
        assertEquals(400, exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE));
        assertEquals("text/plain; charset=utf-8", exchange.getMessage().getHeader(Exchange.CONTENT_TYPE));
        assertEquals("send the image", exchange.getMessage().getBody(String.class));
        assertNull(exchange.getMessage().getHeader("Retry-After"), "no Retry-After on a client error");
    }

    @Test
    void anUnreachableBackendIs503WithRetryAfter() throws Exception {
        Exchange exchange = failed("/api/v1/detect", SdkClientException.create("Unable to execute HTTP request: connect timed out 10.0.0.7"));
        answer.process(exchange);
        assertEquals(503, exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE));
        assertEquals("10", exchange.getMessage().getHeader("Retry-After"));
        String body = exchange.getMessage().getBody(String.class);
        assertFalse(body.contains("10.0.0.7"), "no internals: " + body);
    }

    @Test
    void anUnexpectedFailureIs500WithoutInternals() throws Exception {
        Exchange exchange = failed("/api/v1/detect", new NullPointerException("field secretThing of /opt/app"));
        answer.process(exchange);
        assertEquals(500, exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE));
        assertEquals("internal error", JSON.readTree(exchange.getMessage().getBody(String.class)).get("error").asText());
    }

    @Test
    void aFailedRequestIsForgottenByTheAwaiterUnlessItTimedOut() throws Exception {
        awaiter.expect("queued-never");
        Exchange refused = failed("/api/v1/detect", SdkClientException.create("down"));
        refused.setProperty(ReplyAwaiter.REQUEST_ID, "queued-never");
        answer.process(refused);
        assertEquals(0, awaiter.waiting(), "a request that failed before or while it was queued waits for nothing");

        // a 504 request is still queued and will be processed: its late reply is not an unknown one
        awaiter.expect("still-queued");
        Exchange late = failed("/api/v1/detect", new HttpError(504, "no answer"));
        late.setProperty(ReplyAwaiter.REQUEST_ID, "still-queued");
        answer.process(late);
        assertEquals(504, late.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE));
        assertTrue(awaiter.waiting() == 1, "the timed-out request is left to the awaiter");
    }
}
