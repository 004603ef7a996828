package io.facefleet.worker;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.facefleet.json.Mappers;
import io.facefleet.messaging.Job;
import io.facefleet.messaging.Reply;
import io.facefleet.storage.BlobStore;
import io.facefleet.storage.StorageKeys;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A job SQS moved to the dead-letter queue (every worker that took it failed, {@code max-receives}
 * times): store an error as its result and answer its web request with a 500, so the client gets
 * a clear error instead of a timeout. The error result and the log line are the operators' record;
 * the message is then deleted, so nothing stays stuck in a queue.
 */
public final class DeadLetterAnswer implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterAnswer.class);

    private final BlobStore store;

    public DeadLetterAnswer(BlobStore store) {
        this.store = store;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        String body = exchange.getMessage().getBody(String.class);
        Job job;
        try {
            job = Mappers.json().readValue(body, Job.class);
        } catch (java.io.IOException e) {
            // not a job at all: nobody to answer; logged, then deleted with the exchange
            LOG.error("a message that is not a job reached the dead-letter queue and is dropped: {}",
                    body == null ? null : body.substring(0, Math.min(200, body.length())));
            exchange.getMessage().setHeader(JobRunner.REPLY_TO, null);
            return;
        }
        String message = "the job could not be processed (workers failed on it repeatedly)";
        LOG.error("job {} ({}) reached the dead-letter queue", job.requestId(), job.operation());
        ObjectNode doc = Mappers.json().createObjectNode().put("status", 500).put("error", message).put("requestId", job.requestId());
        try {
            store.put(BlobStore.Area.RESULTS, StorageKeys.result(job.requestId()), Mappers.json().writeValueAsBytes(doc));
        } catch (RuntimeException e) {
            LOG.warn("could not store the dead-letter result of {}: {}", job.requestId(), e.getMessage());
        }
        Reply reply = new Reply(job.requestId(), 500, null, null, message, System.currentTimeMillis() - job.submittedAt(), 0);
        exchange.getMessage().setHeader(JobRunner.REPLY_TO, JobRunner.replyQueue(job));
        exchange.getMessage().setBody(Mappers.json().writeValueAsString(reply));
    }
}
