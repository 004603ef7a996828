package io.facefleet.scaling;

import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The request queue's backlog as SQS reports it: {@code ApproximateNumberOfMessages} (waiting)
 * and {@code ApproximateNumberOfMessagesNotVisible} (received by a worker, not yet deleted).
 * Camel has no consumer for queue attributes, so this bean asks the SQS client directly.
 */
public final class SqsBacklog implements Backlog {

    private final SqsClient sqs;
    private final String queueName;
    private volatile String queueUrl;

    public SqsBacklog(SqsClient sqs, String queueName) {
        this.sqs = sqs;
        this.queueName = queueName;
    }

    @Override
    public Reading read() {
        if (queueUrl == null) {
            queueUrl = sqs.getQueueUrl(r -> r.queueName(queueName)).queueUrl();
        }
        Map<QueueAttributeName, String> a = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return new Reading(Integer.parseInt(a.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "0")),
                Integer.parseInt(a.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE, "0")));
    }
}
