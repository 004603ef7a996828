package io.facefleet.aws;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ListQueuesResponse;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDeletedRecentlyException;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/**
 * The life of a web host's own reply queue on SQS. The host creates it at start (replies kept
 * {@code retentionSeconds}), marks it alive with the tag {@value #ALIVE_AT} (epoch seconds) on
 * creation and on every {@link #markAlive}, and deletes it when it stops cleanly. A host that
 * dies cannot delete its queue: every web host's {@link #sweep} deletes the queues under the
 * common prefix whose mark is older than {@code expirySeconds}. Queues under the prefix without
 * the tag were not made by a web host and are left alone.
 */
public final class ReplyQueues {

    private static final Logger LOG = LoggerFactory.getLogger(ReplyQueues.class);
    /** Tag holding when the queue's host last said it was alive, in epoch seconds. */
    public static final String ALIVE_AT = "facefleet:alive-at";
    /** SQS refuses to re-create a deleted queue's name for 60 s; a restart waits at most this long. */
    private static final long RECREATE_WAIT_MILLIS = 70_000;

    private final SqsClient sqs;
    private final String name;
    private final String prefix;
    private final int retentionSeconds;
    private final long expirySeconds;
    private volatile String url;

    /**
     * @param name this host's queue, starting with {@code prefix}
     * @param prefix the name every web host's reply queue starts with
     */
    public ReplyQueues(SqsClient sqs, String name, String prefix, int retentionSeconds, long expirySeconds) {
        if (!name.startsWith(prefix)) {
            throw new IllegalArgumentException("reply queue " + name + " does not start with " + prefix);
        }
        this.sqs = sqs;
        this.name = name;
        this.prefix = prefix;
        this.retentionSeconds = retentionSeconds;
        this.expirySeconds = expirySeconds;
    }

    public String name() {
        return name;
    }

    /** Creates this host's queue, or marks it alive if it is left from an earlier run. */
    public void create() {
        long deadline = System.currentTimeMillis() + RECREATE_WAIT_MILLIS;
        while (true) {
            try {
                url = sqs.getQueueUrl(r -> r.queueName(name)).queueUrl();
                markAlive();
                LOG.info("reply queue {} exists from an earlier run: reused", name);
                return;
            } catch (QueueDoesNotExistException missing) {
                try {
                    url = sqs.createQueue(r -> r.queueName(name)
                            .attributes(Map.of(QueueAttributeName.MESSAGE_RETENTION_PERIOD, Integer.toString(retentionSeconds)))
                            .tags(Map.of(ALIVE_AT, Long.toString(nowSeconds())))).queueUrl();
                    LOG.info("created this host's reply queue {}", name);
                    return;
                } catch (QueueDeletedRecentlyException e) {
                    if (System.currentTimeMillis() > deadline) {
                        throw e;
                    }
                    LOG.warn("reply queue {} was deleted less than 60 s ago (a restart); SQS allows its name again after 60 s, waiting", name);
                    sleep(5_000);
                }
            }
        }
    }

    /** Tells other web hosts' sweeps this host is alive; re-creates the queue if it was swept meanwhile. */
    public void markAlive() {
        try {
            sqs.tagQueue(r -> r.queueUrl(url).tags(Map.of(ALIVE_AT, Long.toString(nowSeconds()))));
        } catch (QueueDoesNotExistException e) {
            LOG.warn("this host's reply queue {} was deleted by someone else: creating it again", name);
            create();
        } catch (SdkException e) {
            LOG.warn("could not mark reply queue {} alive: {}", name, e.getMessage());
        }
    }

    /** Deletes the reply queues of web hosts that stopped marking theirs; returns their names. */
    public List<String> sweep() {
        List<String> deleted = new ArrayList<>();
        try {
            for (String queueUrl : queuesUnderPrefix()) {
                String queue = queueUrl.substring(queueUrl.lastIndexOf('/') + 1);
                if (queue.equals(name) || !queue.startsWith(prefix)) {
                    continue;
                }
                try {
                    String alive = sqs.listQueueTags(r -> r.queueUrl(queueUrl)).tags().get(ALIVE_AT);
                    if (alive != null && nowSeconds() - Long.parseLong(alive) > expirySeconds) {
                        sqs.deleteQueue(r -> r.queueUrl(queueUrl));
                        deleted.add(queue);
                        LOG.info("deleted reply queue {}: its web host has not marked it alive for over {} s", queue, expirySeconds);
                    }
                } catch (QueueDoesNotExistException | NumberFormatException e) {
                    // deleted meanwhile by another host's sweep, or a tag we did not write
                }
            }
        } catch (SdkException e) {
            LOG.warn("reply queue sweep failed, trying again at the next one: {}", e.getMessage());
        }
        return deleted;
    }

    private List<String> queuesUnderPrefix() {
        List<String> urls = new ArrayList<>();
        String token = null;
        do {
            String next = token;
            ListQueuesResponse page = sqs.listQueues(r -> r.queueNamePrefix(prefix).maxResults(1000).nextToken(next));
            urls.addAll(page.queueUrls());
            token = page.nextToken();
        } while (token != null && !token.isEmpty());
        return urls;
    }

    /** Deletes this host's queue (a clean stop: nothing will read it again). */
    public void delete() {
        if (url == null) {
            return;
        }
        try {
            sqs.deleteQueue(r -> r.queueUrl(url));
            LOG.info("deleted this host's reply queue {}", name);
        } catch (QueueDoesNotExistException e) {
            // already gone
        } catch (SdkException e) {
            LOG.warn("could not delete reply queue {} ({}); other web hosts' sweeps will once it expires", name, e.getMessage());
        }
    }

    private static long nowSeconds() {
        return System.currentTimeMillis() / 1000;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to re-create a reply queue", e);
        }
    }
}
