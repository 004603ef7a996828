package io.facefleet.web;

import io.facefleet.gallery.Gallery;
import io.facefleet.messaging.Job;
import io.facefleet.messaging.ReplyAwaiter;
import io.facefleet.recognition.Json;
import io.facefleet.storage.BlobStore;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Stores an {@link Upload} in the input area and turns the exchange into its job message (small
 * JSON) for the request queue, registering the request with the {@link ReplyAwaiter} first.
 */
public final class JobSubmitter implements Processor {

    private final BlobStore store;
    private final ReplyAwaiter awaiter;
    private final String operation;
    private final String replyTo;

    public JobSubmitter(BlobStore store, ReplyAwaiter awaiter, String operation, String replyTo) {
        this.store = store;
        this.awaiter = awaiter;
        this.operation = operation;
        this.replyTo = replyTo;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Upload upload = exchange.getMessage().getBody(Upload.class);
        store.put(BlobStore.Area.INPUT, upload.key(), upload.bytes());
        String subject = "enroll".equals(operation) ? exchange.getMessage().getHeader("subject", String.class) : null;
        if (subject != null) {
            Gallery.validateName(subject);
        }
        Job job = new Job(UUID.randomUUID().toString(), upload.key(), operation, subject, null, replyTo, System.currentTimeMillis(), 1);
        enqueue(exchange, awaiter, job);
    }

    /**
     * Makes {@code job} the exchange's body, registering it with the awaiter first so that even a
     * very fast reply finds its request.
     */
    static void enqueue(Exchange exchange, ReplyAwaiter awaiter, Job job) throws Exception {
        exchange.setProperty(ReplyAwaiter.REQUEST_ID, job.requestId());
        exchange.setProperty("facefleetInputKey", job.inputKey());
        awaiter.expect(job.requestId());
        exchange.getMessage().setBody(Json.mapper().writeValueAsString(job));
    }
}
