package io.facefleet.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.facefleet.testing.Exchanges;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.facefleet.engine.image.ImageDecoder;
import io.facefleet.engine.image.ImageLimits;
import io.facefleet.messaging.HttpError;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

/**
 * BatchSubmitter alone: every image becomes a request of its own (its own id, image key and job,
 * no reply queue), the manifest lists them, and one bad image refuses the batch before anything
 * is stored.
 */
class BatchSubmitterTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final BatchSubmitter submitter = new BatchSubmitter(new ImageDecoder(new ImageLimits(1_000_000, 1_000_000, 2)), 3);

    @SuppressWarnings("unchecked")
    private static List<RequestImage> images(Exchange exchange) {
        return exchange.getProperty(RequestImages.PROPERTY, List.class);
    }

    @Test
    void everyImageIsARequestOfItsOwnListedInTheManifest() throws Exception {
        byte[] a = Exchanges.png(16);
        byte[] b = Exchanges.jpeg(16);
        Exchange exchange = Exchanges.withFile(Exchanges.withFile(Exchanges.plain(), "one", "a.png", a), "two", "b.jpg", b);
        submitter.process(exchange);

        List<RequestImage> images = images(exchange);
        @SuppressWarnings("unchecked")
        List<String> jobs = exchange.getMessage().getBody(List.class);
        assertEquals(2, images.size());
        assertEquals(2, jobs.size());
        assertArrayEquals(a, images.get(0).bytes());
        assertArrayEquals(b, images.get(1).bytes());
        JsonNode manifest = JSON.readTree(exchange.getProperty(BatchSubmitter.MANIFEST, byte[].class));
        assertEquals(exchange.getProperty(BatchSubmitter.BATCH_ID), manifest.get("id").asText());
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            JsonNode job = JSON.readTree(jobs.get(i));
            String id = job.get("requestId").asText();
            ids.add(id);
            assertEquals(images.get(i).key(), job.get("imageKey").asText(), "the job names the image stored for it");
            assertTrue(images.get(i).key().startsWith(id + "."), images.get(i).key());
            assertTrue(job.get("replyTo").isNull(), "a batch job is answered through storage, not a reply queue");
            assertEquals(id, manifest.get("images").get(i).get("requestId").asText());
        }
        assertEquals(List.of("a.png", "b.jpg"), List.of(manifest.get("images").get(0).get("name").asText(),
                manifest.get("images").get(1).get("name").asText()));
        assertTrue(!ids.get(0).equals(ids.get(1)), "one request id per image");
    }

    @Test
    void oneBadImageRefusesTheWholeBatchBeforeAnythingIsStored() throws Exception {
        Exchange exchange = Exchanges.withFile(Exchanges.withFile(Exchanges.plain(), "one", "a.png", Exchanges.png(16)),
                "two", "notes.png", "not an image".getBytes());
        RuntimeException e = assertThrows(RuntimeException.class, () -> submitter.process(exchange));
        assertTrue(e.getMessage().contains("notes.png"), e.getMessage());
        assertNull(exchange.getProperty(RequestImages.PROPERTY), "nothing to store");
        assertNull(exchange.getProperty(BatchSubmitter.MANIFEST), "no manifest");
    }

    @Test
    void tooManyImagesIs413AndNoneIsAlsoRefused() throws Exception {
        Exchange many = Exchanges.plain();
        for (int i = 0; i < 4; i++) {
            Exchanges.withFile(many, "f" + i, i + ".png", Exchanges.png(8));
        }
        assertEquals(413, assertThrows(HttpError.class, () -> submitter.process(many)).status());
        assertEquals(400, assertThrows(HttpError.class, () -> submitter.process(Exchanges.plain())).status());
    }
}
