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
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * The app tier's work on one job: load the image from storage, run the face service, store the
 * results (seed format: output key = name without extension, value = label; the full JSON under
 * results/), and make the reply. Keys derive from the input key only, so a redelivered job
 * rewrites the same objects with the same values. A bad image gives an error reply, not a retry.
 */
public final class JobRunner implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);

    /** Header naming the queue the reply goes to. */
    public static final String REPLY_TO = "facefleetReplyTo";
    /** SQS attributes of a received message (ApproximateReceiveCount tells a redelivery). */
    private static final String SQS_ATTRIBUTES = "CamelAwsSqsAttributes";
    /** A reply-queue name as SQS allows it; anything else could steer the reply endpoint. */
    private static final Pattern QUEUE_NAME = Pattern.compile("[A-Za-z0-9_-]{1,80}");

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
            Reply reply = receiveCount(exchange) > 1 ? storedReply(job, start).orElseGet(() -> run(job, start)) : run(job, start);
            exchange.getMessage().setHeader(REPLY_TO, replyQueue(job));
            exchange.getMessage().setBody(Json.mapper().writeValueAsString(reply));
        } finally {
            inFlight.decrementAndGet();
        }
    }

    /** The job's reply queue, or null (no reply) when it has none or a name SQS would not allow. */
    static String replyQueue(Job job) {
        String to = job.replyTo();
        if (to != null && !QUEUE_NAME.matcher(to).matches()) {
            LOG.warn("job {} names an invalid reply queue; its result is stored but not sent", job.requestId());
            return null;
        }
        return to;
    }

    private static int receiveCount(Exchange exchange) {
        Map<?, ?> attributes = exchange.getMessage().getHeader(SQS_ATTRIBUTES, Map.class);
        Object n = attributes == null ? null : attributes.get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT);
        return n == null ? 1 : Integer.parseInt(n.toString());
    }

    /**
     * A redelivered job whose result this request already stored (its worker died before deleting
     * the message): answer from storage, so the result is written once and the work not redone.
     */
    private Optional<Reply> storedReply(Job job, long start) {
        if (!"recognize".equals(job.operation())) {
            return Optional.empty();
        }
        String resultKey = StorageKeys.stem(job.inputKey()) + ".json";
        return store.get(BlobStore.Area.RESULTS, resultKey).flatMap(bytes -> {
            try {
                JsonNode stored = Json.mapper().readTree(bytes);
                if (!job.requestId().equals(stored.path("requestId").asText()) || !stored.has("label")) {
                    return Optional.empty();
                }
                LOG.info("job {} was redelivered after its result was stored: answering from storage", job.requestId());
                String stem = StorageKeys.stem(job.inputKey());
                if (store.get(BlobStore.Area.OUTPUT, stem).isEmpty()) {
                    store.put(BlobStore.Area.OUTPUT, stem, stored.get("label").asText().getBytes(StandardCharsets.UTF_8));
                }
                return Optional.of(new Reply(job.requestId(), 200, stored.get("label").asText(), stored,
                        null, Math.max(0, start - job.submittedAt()), System.currentTimeMillis() - start));
            } catch (java.io.IOException e) {
                return Optional.empty();
            }
        });
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
                result.put("label", label).put("requestId", job.requestId());
                String stem = StorageKeys.stem(job.inputKey());
                // results first: a redelivery finds them and only completes what is missing
                store.put(BlobStore.Area.RESULTS, stem + ".json", Json.mapper().writeValueAsBytes(result));
                store.put(BlobStore.Area.OUTPUT, stem, label.getBytes(StandardCharsets.UTF_8));
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
