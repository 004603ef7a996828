package io.facefleet.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.facefleet.testing.Exchanges;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.facefleet.messaging.HttpError;
import io.facefleet.messaging.ReplyAwaiter;
import java.util.List;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

/**
 * JobSubmitter alone: one upload becomes one job and one image to store, keyed by a new request
 * id; storing and queueing are the route's. An invalid subject leaves nothing to store.
 */
class JobSubmitterTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static Exchange withUpload(Upload upload) {
        Exchange exchange = Exchanges.plain();
        exchange.getMessage().setBody(upload);
        return exchange;
    }

    @SuppressWarnings("unchecked")
    private static List<RequestImage> images(Exchange exchange) {
        return exchange.getProperty(RequestImages.PROPERTY, List.class);
    }

    @Test
    void anUploadBecomesAJobAndTheImageItNeedsStored() throws Exception {
        byte[] bytes = {1, 2, 3};
        Exchange exchange = withUpload(new Upload("photo.jpg", "png", bytes));
        new JobSubmitter("replies-of-this-host").submit(exchange, "detect");

        String id = exchange.getProperty(ReplyAwaiter.REQUEST_ID, String.class);
        assertTrue(id.matches("[0-9a-f-]{36}"), id);
        List<RequestImage> images = images(exchange);
        assertEquals(1, images.size());
        assertEquals(id + ".png", images.get(0).key(), "keyed by the request id and the real type, never by the upload's name");
        assertArrayEquals(bytes, images.get(0).bytes());

        JsonNode job = JSON.readTree(exchange.getProperty(JobSubmitter.JOB, String.class));
        assertEquals(id, job.get("requestId").asText());
        assertEquals(id + ".png", job.get("imageKey").asText());
        assertEquals("detect", job.get("operation").asText());
        assertEquals("replies-of-this-host", job.get("replyTo").asText());
        assertTrue(job.get("seedName").isNull(), "only the seed's route asks for the seed's view");
        assertEquals("photo.jpg", exchange.getProperty(JobSubmitter.UPLOAD_NAME));
        assertArrayEquals(bytes, exchange.getMessage().getBody(byte[].class), "the body is the upload, for the seed's view");
    }

    @Test
    void everyRequestHasItsOwnId() throws Exception {
        JobSubmitter submitter = new JobSubmitter("r");
        Exchange a = withUpload(new Upload("same.jpg", "jpg", new byte[] {1}));
        Exchange b = withUpload(new Upload("same.jpg", "jpg", new byte[] {2}));
        submitter.submit(a, "recognize");
        submitter.submit(b, "recognize");
        assertTrue(!images(a).get(0).key().equals(images(b).get(0).key()), "two uploads of one name never share a key");
    }

    @Test
    void theAttributesParameterRidesInTheJobAndABadOneLeavesNothingToStore() throws Exception {
        JobSubmitter submitter = new JobSubmitter("r");
        Exchange asked = withUpload(new Upload("a.jpg", "jpg", new byte[] {1}));
        asked.getMessage().setHeader(JobSubmitter.ATTRIBUTES_PARAMETER, "Expression, age");
        submitter.submitWithAttributes(asked, "recognize");
        assertEquals("age,expression", JSON.readTree(asked.getProperty(JobSubmitter.JOB, String.class)).get("attributes").asText(),
                "the canonical list");

        Exchange twice = withUpload(new Upload("a.jpg", "jpg", new byte[] {1}));
        twice.getMessage().setHeader(JobSubmitter.ATTRIBUTES_PARAMETER, List.of("gender", "age"));
        submitter.submitWithAttributes(twice, "detect");
        assertEquals("age,gender", JSON.readTree(twice.getProperty(JobSubmitter.JOB, String.class)).get("attributes").asText());

        Exchange none = withUpload(new Upload("a.jpg", "jpg", new byte[] {1}));
        submitter.submitWithAttributes(none, "recognize");
        assertTrue(JSON.readTree(none.getProperty(JobSubmitter.JOB, String.class)).get("attributes").isNull(), "none asked");

        Exchange bad = withUpload(new Upload("a.jpg", "jpg", new byte[] {1}));
        bad.getMessage().setHeader(JobSubmitter.ATTRIBUTES_PARAMETER, "age,shoe-size");
        HttpError e = assertThrows(HttpError.class, () -> submitter.submitWithAttributes(bad, "recognize"));
        assertEquals(400, e.status());
        assertNull(bad.getProperty(RequestImages.PROPERTY), "refused before anything is stored");
        assertNull(bad.getProperty(JobSubmitter.JOB), "and nothing is queued");
    }

    @Test
    void theSeedsJobAsksForTheSeedsView() throws Exception {
        Exchange exchange = withUpload(new Upload("test_00.jpg", "jpg", new byte[] {9}));
        new JobSubmitter("r").submitSeed(exchange);
        assertEquals("test_00.jpg", JSON.readTree(exchange.getProperty(JobSubmitter.JOB, String.class)).get("seedName").asText());
    }

    @Test
    void anEnrolmentCarriesItsSubjectAndAnInvalidOneLeavesNothingToStore() throws Exception {
        JobSubmitter enroll = new JobSubmitter("r");
        Exchange ok = withUpload(new Upload("a.jpg", "jpg", new byte[] {1}));
        enroll.submitForSubject(ok, "enroll", "Paul", "friends");
        assertEquals("Paul", JSON.readTree(ok.getProperty(JobSubmitter.JOB, String.class)).get("subject").asText());
        assertEquals("friends", JSON.readTree(ok.getProperty(JobSubmitter.JOB, String.class)).get("collection").asText());
        Exchange badCollection = withUpload(new Upload("a.jpg", "jpg", new byte[] {1}));
        assertThrows(IllegalArgumentException.class, () -> enroll.submitForSubject(badCollection, "enroll", "Paul", "../x"));
        assertNull(badCollection.getProperty(RequestImages.PROPERTY), "a bad collection name stores nothing either");

        Exchange bad = withUpload(new Upload("a.jpg", "jpg", new byte[] {1}));
        assertThrows(IllegalArgumentException.class, () -> enroll.submitForSubject(bad, "enroll", "../../etc", null));
        assertNull(bad.getProperty(RequestImages.PROPERTY), "refused before anything is stored");
        assertNull(bad.getProperty(JobSubmitter.JOB), "and nothing is queued");
    }
}
