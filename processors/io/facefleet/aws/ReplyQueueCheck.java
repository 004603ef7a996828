package io.facefleet.aws;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/**
 * Before a worker sends a reply: does the job's reply queue still exist? A web host deletes its
 * own reply queue when it stops, so a job it queued may finish after it has gone. Such a reply
 * is dropped (the result is stored; nobody waits for it) by clearing the reply-to header, and the
 * job is deleted as done. Without this, the first reply to a missing queue is sent with no queue
 * URL, fails, and the job is retried into the dead-letter queue. Queues seen to exist are not
 * looked up again for {@code recheckMillis}; one deleted within that time fails its send with
 * {@link QueueDoesNotExistException}, which the routes handle the same way.
 */
public final class ReplyQueueCheck implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(ReplyQueueCheck.class);

    private final SqsClient sqs;
    private final String header;
    private final long recheckMillis;
    private final Map<String, Long> seenAt = new ConcurrentHashMap<>();

    /** @param header the exchange header naming the reply queue */
    public ReplyQueueCheck(SqsClient sqs, String header, long recheckMillis) {
        this.sqs = sqs;
        this.header = header;
        this.recheckMillis = recheckMillis;
    }

    @Override
    public void process(Exchange exchange) {
        String queue = exchange.getMessage().getHeader(header, String.class);
        if (queue == null) {
            return;
        }
        long now = System.currentTimeMillis();
        Long seen = seenAt.get(queue);
        if (seen != null && now - seen < recheckMillis) {
            return;
        }
        try {
            sqs.getQueueUrl(r -> r.queueName(queue));
            seenAt.put(queue, now);
        } catch (QueueDoesNotExistException e) {
            seenAt.remove(queue);
            LOG.warn("reply queue {} is gone (its web host stopped): reply dropped, the result is stored", queue);
            exchange.getMessage().removeHeader(header);
        }
    }
}
