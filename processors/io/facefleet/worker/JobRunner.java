package io.facefleet.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.facefleet.engine.Detection;
import io.facefleet.engine.image.ImageRejectedException;
import io.facefleet.messaging.Job;
import io.facefleet.messaging.Reply;
import io.facefleet.recognition.EnrolmentException;
import io.facefleet.recognition.FaceService;
import io.facefleet.recognition.Json;
import io.facefleet.storage.BlobStore;
import io.facefleet.storage.StorageKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
 * The app tier's work on one job: load the request's image from storage, run the face service,
 * store the result under the request id, and make the reply. On the seed's path the label is also
 * written under the upload's name without extension (the seed graders' view, never read back).
 *
 * <p>The stored result is the job's commit record: it is written last, so a redelivered job that
 * finds it was done completely and is answered from it, writing nothing. A failure that would
 * recur on any worker (a bad image, a bad job, a bug) is answered at once with an error reply;
 * only transient failures ({@link Failures}) leave the job on the queue for a redelivery.
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
            String body = exchange.getMessage().getBody(String.class);
            Job job = parse(body);
            if (job == null) {
                // nobody to answer and nothing to retry: dropped with the exchange
                LOG.error("a message that is not a job was dropped: {}", body == null ? null : body.substring(0, Math.min(200, body.length())));
                exchange.getMessage().setHeader(REPLY_TO, null);
                return;
            }
            long start = System.currentTimeMillis();
            Reply reply = receiveCount(exchange) > 1 ? storedReply(job, start).orElseGet(() -> runOrFail(job, start)) : runOrFail(job, start);
            exchange.getMessage().setHeader(REPLY_TO, replyQueue(job));
            exchange.getMessage().setBody(Json.mapper().writeValueAsString(reply));
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private static Job parse(String body) {
        try {
            Job job = body == null ? null : Json.mapper().readValue(body, Job.class);
            return job != null && job.requestId() != null && job.requestId().matches("[A-Za-z0-9-]{1,64}") ? job : null;
        } catch (IOException e) {
            return null;
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
     * A redelivered job whose result is already stored (its worker died before deleting the
     * message): answered from storage, so nothing is written twice and the work is not redone.
     */
    private Optional<Reply> storedReply(Job job, long start) {
        return store.get(BlobStore.Area.RESULTS, StorageKeys.result(job.requestId())).flatMap(bytes -> {
            try {
                JsonNode stored = Json.mapper().readTree(bytes);
                if (!job.requestId().equals(stored.path("requestId").asText())) {
                    return Optional.empty();
                }
                LOG.info("job {} was redelivered after its result was stored: answering from storage", job.requestId());
                long queued = Math.max(0, start - job.submittedAt());
                long took = System.currentTimeMillis() - start;
                int status = stored.path("status").asInt(200);
                if (status != 200) {
                    return Optional.of(new Reply(job.requestId(), status, null, null, stored.path("error").asText(), queued, took));
                }
                String label = stored.hasNonNull("label") ? stored.get("label").asText() : null;
                return Optional.of(new Reply(job.requestId(), 200, label, stored, null, queued, took));
            } catch (IOException e) {
                return Optional.empty();
            }
        });
    }

    /** Runs the job; a failure that would recur on any worker becomes an error reply at once. */
    private Reply runOrFail(Job job, long start) {
        long queued = Math.max(0, start - job.submittedAt());
        try {
            return run(job, start, queued);
        } catch (ImageRejectedException e) {
            return failed(job, e.httpStatus(), e.getMessage(), queued, start);
        } catch (EnrolmentException | IllegalArgumentException e) {
            return failed(job, 422, e.getMessage(), queued, start);
        } catch (IOException e) {
            // only writing the result as JSON throws it: a bug, the same on every worker
            return failed(job, 500, "the result could not be written: " + e.getMessage(), queued, start);
        } catch (RuntimeException e) {
            if (Failures.isTransient(e)) {
                throw e;
            }
            LOG.error("job {} failed and would fail again on any worker: answered with an error", job.requestId(), e);
            return failed(job, 500, "the job failed on the worker: " + e.getMessage(), queued, start);
        }
    }

    private Reply run(Job job, long start, long queued) throws IOException {
        byte[] image = store.get(BlobStore.Area.IMAGES, job.imageKey()).orElse(null);
        if (image == null) {
            return failed(job, 410, "the request's image is no longer in storage", queued, start);
        }
        ObjectNode result = Json.mapper().createObjectNode();
        String label = null;
        switch (job.operation() == null ? "" : job.operation()) {
            case "verify" -> {
                byte[] other = store.get(BlobStore.Area.IMAGES, job.otherKey()).orElse(null);
                if (other == null) {
                    return failed(job, 410, "the request's second image is no longer in storage", queued, start);
                }
                result = Json.verification(service.verify(image, other));
            }
            case "enroll" -> {
                var example = service.enroll(job.subject(), image, job.seedName() != null ? job.seedName() : job.imageKey());
                result.put("subject", job.subject()).put("exampleId", example.id());
                label = job.subject();
            }
            case "detect" -> {
                ArrayNode faces = result.putArray("faces");
                for (Detection d : service.detect(image)) {
                    faces.add(Json.detection(d));
                }
            }
            case "recognize" -> {
                ArrayNode faces = result.putArray("faces");
                List<FaceService.IdentifiedFace> found = service.identify(image);
                for (FaceService.IdentifiedFace f : found) {
                    faces.add(Json.identified(f, unknownLabel));
                }
                // the seed answers one label per image: the largest face's
                label = found.isEmpty() ? unknownLabel : found.get(0).match().labelOr(unknownLabel);
                result.put("label", label);
                if (job.seedName() != null) {
                    store.put(BlobStore.Area.SEED_OUTPUT, StorageKeys.stem(job.seedName()), label.getBytes(StandardCharsets.UTF_8));
                }
            }
            default -> throw new IllegalArgumentException("unknown operation " + job.operation());
        }
        result.put("requestId", job.requestId());
        // last: the stored result tells a redelivery that everything before it was done
        store.put(BlobStore.Area.RESULTS, StorageKeys.result(job.requestId()), Json.mapper().writeValueAsBytes(result));
        return new Reply(job.requestId(), 200, label, result, null, queued, System.currentTimeMillis() - start);
    }

    /** An error reply; the error is also stored as the job's result, so a batch or a redelivery shows it. */
    private Reply failed(Job job, int status, String message, long queued, long start) {
        ObjectNode doc = Json.mapper().createObjectNode().put("status", status).put("error", message).put("requestId", job.requestId());
        try {
            store.put(BlobStore.Area.RESULTS, StorageKeys.result(job.requestId()), Json.mapper().writeValueAsBytes(doc));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        } catch (IllegalArgumentException e) {
            LOG.warn("the error result of job {} could not be stored: {}", job.requestId(), e.getMessage());
        }
        return new Reply(job.requestId(), status, null, null, message, queued, System.currentTimeMillis() - start);
    }
}
