package io.facefleet.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.facefleet.testing.Exchanges;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.facefleet.engine.image.ImageDecoder;
import io.facefleet.engine.image.ImageLimits;
import io.facefleet.messaging.HttpError;
import io.facefleet.messaging.ReplyAwaiter;
import java.util.List;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

/** VerifySubmitter alone: two checked images, one verify job naming both, both to be stored. */
class VerifySubmitterTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final VerifySubmitter submitter = new VerifySubmitter(
            new UploadReader("inputFile", new ImageDecoder(new ImageLimits(1_000_000, 1_000_000, 2))), "replies");

    @Test
    void twoImagesBecomeOneJobWithTwoImagesToStore() throws Exception {
        byte[] first = Exchanges.png(16);
        byte[] second = Exchanges.jpeg(16);
        Exchange exchange = Exchanges.withFile(Exchanges.withFile(Exchanges.plain(), "first", "a.png", first), "second", "b.jpg", second);
        submitter.process(exchange);
        String id = exchange.getProperty(ReplyAwaiter.REQUEST_ID, String.class);
        @SuppressWarnings("unchecked")
        List<RequestImage> images = exchange.getProperty(RequestImages.PROPERTY, List.class);
        assertEquals(List.of(id + ".png", id + "-second.jpeg"), images.stream().map(RequestImage::key).toList());
        assertArrayEquals(first, images.get(0).bytes());
        assertArrayEquals(second, images.get(1).bytes());
        JsonNode job = JSON.readTree(exchange.getProperty(JobSubmitter.JOB, String.class));
        assertEquals("verify", job.get("operation").asText());
        assertEquals(id + ".png", job.get("imageKey").asText());
        assertEquals(id + "-second.jpeg", job.get("otherKey").asText());
        assertEquals("replies", job.get("replyTo").asText());
    }

    @Test
    void aMissingSecondImageIs400AndLeavesNothingToStore() throws Exception {
        Exchange exchange = Exchanges.withFile(Exchanges.plain(), "first", "a.png", Exchanges.png(16));
        HttpError e = assertThrows(HttpError.class, () -> submitter.process(exchange));
        assertEquals(400, e.status());
        assertNull(exchange.getProperty(RequestImages.PROPERTY));
        assertNull(exchange.getProperty(JobSubmitter.JOB));
    }
}
