package io.facefleet.web;

import io.facefleet.messaging.Job;
import io.facefleet.messaging.ReplyAwaiter;
import io.facefleet.storage.BlobStore;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Verify: two images (fields {@code first} and {@code second}) are checked, stored, and become one
 * {@code verify} job; like {@link JobSubmitter}, the request is registered before it is queued.
 */
public final class VerifySubmitter implements Processor {

    private final UploadReader reader;
    private final BlobStore store;
    private final ReplyAwaiter awaiter;
    private final String replyTo;

    public VerifySubmitter(UploadReader reader, BlobStore store, ReplyAwaiter awaiter, String replyTo) {
        this.reader = reader;
        this.store = store;
        this.awaiter = awaiter;
        this.replyTo = replyTo;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Upload first = reader.read(exchange, "first");
        Upload second = reader.read(exchange, "second");
        store.put(BlobStore.Area.INPUT, first.key(), first.bytes());
        store.put(BlobStore.Area.INPUT, second.key(), second.bytes());
        Job job = new Job(UUID.randomUUID().toString(), first.key(), "verify", null, second.key(), replyTo,
                System.currentTimeMillis(), 1);
        JobSubmitter.enqueue(exchange, awaiter, job);
    }
}
