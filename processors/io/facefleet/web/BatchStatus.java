package io.facefleet.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.facefleet.json.Mappers;
import io.facefleet.messaging.HttpError;
import io.facefleet.storage.BlobStore;
import io.facefleet.storage.StorageKeys;
import java.util.Optional;
import org.apache.camel.Exchange;

/** Answers for batch jobs: 202 with the id when accepted; status and results read from storage. */
public final class BatchStatus {

    private final BlobStore store;

    public BatchStatus(BlobStore store) {
        this.store = store;
    }

    static String manifestKey(String batchId) {
        return "batch-" + batchId + ".manifest.json";
    }

    /** Stores the manifest {@link BatchSubmitter} made, once the batch's images are stored. */
    public void record(Exchange exchange) {
        String id = exchange.getProperty(BatchSubmitter.BATCH_ID, String.class);
        store.put(BlobStore.Area.RESULTS, manifestKey(id), exchange.getProperty(BatchSubmitter.MANIFEST, byte[].class));
    }

    /** 202 Accepted, with the id and where to look. */
    public void accepted(Exchange exchange) throws Exception {
        String id = exchange.getProperty(BatchSubmitter.BATCH_ID, String.class);
        ObjectNode doc = Mappers.json().createObjectNode().put("id", id).put("status", "queued")
                .put("location", "/api/v1/jobs/" + id);
        exchange.getMessage().setHeader("Location", "/api/v1/jobs/" + id);
        SubjectsApi.json(exchange, 202, Mappers.json().writeValueAsString(doc));
    }

    /** The batch's progress and the results stored so far. */
    public void status(Exchange exchange) throws Exception {
        String id = exchange.getMessage().getHeader("id", String.class);
        if (id == null || !id.matches("[0-9a-f-]{36}")) {
            throw new HttpError(404, "no job " + id);
        }
        Optional<byte[]> manifest = store.get(BlobStore.Area.RESULTS, manifestKey(id));
        if (manifest.isEmpty()) {
            throw new HttpError(404, "no job " + id);
        }
        JsonNode m = Mappers.json().readTree(manifest.get());
        ObjectNode doc = Mappers.json().createObjectNode().put("id", id);
        ArrayNode results = doc.putArray("results");
        int done = 0;
        for (JsonNode image : m.get("images")) {
            ObjectNode r = results.addObject().put("name", image.get("name").asText());
            Optional<byte[]> result = store.get(BlobStore.Area.RESULTS, StorageKeys.result(image.get("requestId").asText()));
            if (result.isPresent()) {
                r.set("result", Mappers.json().readTree(result.get()));
                done++;
            } else {
                r.putNull("result");
            }
        }
        doc.put("total", m.get("images").size()).put("done", done)
                .put("status", done == m.get("images").size() ? "done" : "running");
        SubjectsApi.json(exchange, 200, Mappers.json().writeValueAsString(doc));
    }
}
