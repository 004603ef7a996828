package io.facefleet.testing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/**
 * Sees every SendMessage the service's SQS client makes (pass it as a bean to
 * {@link RunningService#start(Map, String...)}): what actually goes over the wire to the queue.
 */
public final class SqsSends implements ExecutionInterceptor {

    private final List<SendMessageRequest> sent = new ArrayList<>();

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        if (context.request() instanceof SendMessageRequest r) {
            synchronized (sent) {
                sent.add(r);
            }
        }
    }

    /** The messages sent to the queue of that name so far. */
    public List<SendMessageRequest> to(String queue) {
        synchronized (sent) {
            return sent.stream().filter(r -> r.queueUrl() != null && r.queueUrl().endsWith("/" + queue)).toList();
        }
    }

    public List<SendMessageRequest> all() {
        synchronized (sent) {
            return new ArrayList<>(sent);
        }
    }

    /**
     * A message's size as SQS counts it against a queue's MaximumMessageSize: the body plus each
     * attribute's name, data type and value, in UTF-8 bytes.
     */
    public static int sqsSize(SendMessageRequest r) {
        int size = r.messageBody().getBytes(StandardCharsets.UTF_8).length;
        for (Map.Entry<String, MessageAttributeValue> a : r.messageAttributes().entrySet()) {
            MessageAttributeValue v = a.getValue();
            size += utf8(a.getKey()) + utf8(v.dataType()) + utf8(v.stringValue())
                    + (v.binaryValue() == null ? 0 : v.binaryValue().asByteArray().length);
        }
        return size;
    }

    private static int utf8(String s) {
        return s == null ? 0 : s.getBytes(StandardCharsets.UTF_8).length;
    }
}
