package io.facefleet.worker;

import com.fasterxml.jackson.databind.JsonNode;
import io.facefleet.json.Mappers;
import io.facefleet.messaging.Job;
import io.facefleet.messaging.Reply;
import io.facefleet.storage.StorageKeys;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.apache.camel.support.SynchronizationAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * The worker route's own steps around a job (see {@code app-tier.camel.yaml}): parse the message,
 * answer a redelivered job from its stored result, and make the reply. What the job does is its
 * operation's {@link OperationHandler}'s; reading and writing storage are the route's steps.
 *
 * <p>The stored result is the job's commit record: the route writes it last, so a redelivered job
 * that finds it was done completely and is answered from it, writing nothing.
 */
public final class JobRunner {

    private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);

    /** Header naming the queue the reply goes to. */
    public static final String REPLY_TO = "facefleetReplyTo";
    /** SQS attributes of a received message (ApproximateReceiveCount tells a redelivery). */
    private static final String SQS_ATTRIBUTES = "CamelAwsSqsAttributes";
    /** A reply-queue name as SQS allows it; anything else could steer the reply endpoint. */
    private static final Pattern QUEUE_NAME = Pattern.compile("[A-Za-z0-9_-]{1,80}");
    /** A request id as the web tier makes them; every storage key of the job derives from it. */
    private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");

    private final AtomicInteger inFlight = new AtomicInteger();

    /** Jobs this host's workers are working on right now (from taking the message to its end), for the scaling tier. */
    public int inFlight() {
        return inFlight.get();
    }

    /**
     * The route's first step: counts the exchange in flight until it ends, and parses its job. A
     * message that is not a job leaves no job on the exchange: nobody to answer, nothing to retry.
     */
    public void accept(Exchange exchange) {
        inFlight.incrementAndGet();
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                inFlight.decrementAndGet();
            }
        });
        String body = exchange.getMessage().getBody(String.class);
        Job job = parse(body);
        exchange.getMessage().setHeader(REPLY_TO, null);
        if (job == null) {
            LOG.error("a message that is not a job was dropped: {}", body == null ? null : body.substring(0, Math.min(200, body.length())));
            return;
        }
        exchange.setProperty(JobExchange.JOB, job);
        exchange.setProperty(JobExchange.STARTED_AT, System.currentTimeMillis());
        exchange.setProperty(JobExchange.REDELIVERED, receiveCount(exchange) > 1);
        exchange.setProperty(JobExchange.RESULT_KEY, StorageKeys.result(job.requestId()));
    }

    static Job parse(String body) {
        try {
            Job job = body == null ? null : Mappers.json().readValue(body, Job.class);
            return job != null && job.requestId() != null && REQUEST_ID.matcher(job.requestId()).matches() ? job : null;
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
     * message; the body is what the route read, null when nothing): answered from it, so nothing
     * is written twice and the work is not redone.
     */
    public void answerFromStoredResult(Exchange exchange) throws IOException {
        Job job = JobExchange.job(exchange);
        byte[] bytes = exchange.getMessage().getBody(byte[].class);
        JsonNode stored;
        try {
            stored = bytes == null ? null : Mappers.json().readTree(bytes);
        } catch (IOException e) {
            stored = null;
        }
        if (stored == null || !job.requestId().equals(stored.path("requestId").asText())) {
            return;
        }
        LOG.info("job {} was redelivered after its result was stored: answering from storage", job.requestId());
        int status = stored.path("status").asInt(200);
        Reply reply = status != 200
                ? reply(exchange, job, status, null, null, stored.path("error").asText())
                : reply(exchange, job, 200, stored.hasNonNull("label") ? stored.get("label").asText() : null, stored, null);
        send(exchange, job, reply);
        exchange.setProperty(JobExchange.ANSWERED, true);
    }

    /** The reply to a job run here: its outcome (result or error), with the time it queued and took. */
    public void reply(Exchange exchange) throws IOException {
        Job job = JobExchange.job(exchange);
        JobOutcome o = exchange.getProperty(JobExchange.OUTCOME, JobOutcome.class);
        send(exchange, job, reply(exchange, job, o.status(), o.label(), o.result(), o.error()));
    }

    private static Reply reply(Exchange exchange, Job job, int status, String label, JsonNode result, String error) {
        long start = exchange.getProperty(JobExchange.STARTED_AT, Long.class);
        return new Reply(job.requestId(), status, label, result, error, Math.max(0, start - job.submittedAt()), System.currentTimeMillis() - start);
    }

    private static void send(Exchange exchange, Job job, Reply reply) throws IOException {
        exchange.getMessage().setHeader(REPLY_TO, replyQueue(job));
        exchange.getMessage().setBody(Mappers.json().writeValueAsString(reply));
        exchange.setProperty(JobExchange.REPLIED, true);
    }
}
