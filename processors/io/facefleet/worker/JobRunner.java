package io.facefleet.worker;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.facefleet.engine.Detection;
import io.facefleet.engine.image.ImageRejectedException;
import io.facefleet.messaging.Job;
import io.facefleet.messaging.Reply;
import io.facefleet.recognition.FaceService;
import io.facefleet.recognition.Json;
import io.facefleet.storage.BlobStore;
import io.facefleet.storage.StorageKeys;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * The app tier's work on one job: load the image from storage, run the face service, store the
 * results (seed format: output key = name without extension, value = label; the full JSON under
 * results/), and make the reply. Keys derive from the input key only, so a redelivered job
 * rewrites the same objects with the same values. A bad image gives an error reply, not a retry.
 */
public final class JobRunner implements Processor {

    /** Header naming the queue the reply goes to. */
    public static final String REPLY_TO = "facefleetReplyTo";

    private final FaceService service;
    private final BlobStore store;
    private final String unknownLabel;
    private final AtomicInteger inFlight = new AtomicInteger();

    public JobRunner(FaceService service, BlobStore store, String unknownLabel) {
        this.service = service;
        this.store = store;
        this.unknownLabel = unknownLabel;
    }

    /** Jobs being worked on right now, for the scaling tier. */
    public int inFlight() {
        return inFlight.get();
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        inFlight.incrementAndGet();
        try {
            Job job = Json.mapper().readValue(exchange.getMessage().getBody(String.class), Job.class);
            long start = System.currentTimeMillis();
            Reply reply = run(job, start);
            exchange.getMessage().setHeader(REPLY_TO, job.replyTo());
            exchange.getMessage().setBody(Json.mapper().writeValueAsString(reply));
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private Reply run(Job job, long start) {
        long queued = Math.max(0, start - job.submittedAt());
        byte[] image = store.get(BlobStore.Area.INPUT, job.inputKey()).orElse(null);
        if (image == null) {
            return error(job, 410, "the image " + job.inputKey() + " is no longer in storage", queued, start);
        }
        try {
            ObjectNode result = Json.mapper().createObjectNode();
            ArrayNode faces = result.putArray("faces");
            String label = unknownLabel;
            if ("verify".equals(job.operation())) {
                byte[] other = store.get(BlobStore.Area.INPUT, job.otherKey()).orElse(null);
                if (other == null) {
                    return failed(job, 410, "the image " + job.otherKey() + " is no longer in storage", queued, start);
                }
                result = Json.verification(service.verify(image, other));
                label = null;
            } else if ("enroll".equals(job.operation())) {
                var example = service.enroll(job.subject(), image, job.inputKey());
                result.put("subject", job.subject()).put("exampleId", example.id());
                label = job.subject();
            } else if ("detect".equals(job.operation())) {
                for (Detection d : service.detect(image)) {
                    faces.add(Json.detection(d));
                }
            } else {
                List<FaceService.IdentifiedFace> found = service.identify(image);
                for (FaceService.IdentifiedFace f : found) {
                    faces.add(Json.identified(f, unknownLabel));
                }
                // the seed answers one label per image: the largest face's
                if (!found.isEmpty()) {
                    label = found.get(0).match().labelOr(unknownLabel);
                }
                result.put("label", label);
                String stem = StorageKeys.stem(job.inputKey());
                store.put(BlobStore.Area.OUTPUT, stem, label.getBytes(StandardCharsets.UTF_8));
                store.put(BlobStore.Area.RESULTS, stem + ".json", Json.mapper().writeValueAsBytes(result));
            }
            return new Reply(job.requestId(), 200, label, result, null, queued, System.currentTimeMillis() - start);
        } catch (ImageRejectedException e) {
            return failed(job, e.httpStatus(), e.getMessage(), queued, start);
        } catch (io.facefleet.recognition.EnrolmentException | IllegalArgumentException e) {
            return failed(job, 422, e.getMessage(), queued, start);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An error reply; the error is also stored as the job's result, so a batch shows it. */
    private Reply failed(Job job, int status, String message, long queued, long start) {
        ObjectNode doc = Json.mapper().createObjectNode().put("status", status).put("error", message);
        try {
            store.put(BlobStore.Area.RESULTS, StorageKeys.stem(job.inputKey()) + ".json", Json.mapper().writeValueAsBytes(doc));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return error(job, status, message, queued, start);
    }

    private static Reply error(Job job, int status, String message, long queued, long start) {
        return new Reply(job.requestId(), status, null, null, message, queued, System.currentTimeMillis() - start);
    }
}
