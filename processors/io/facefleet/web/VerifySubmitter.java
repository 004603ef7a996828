package io.facefleet.web;

import io.facefleet.messaging.Job;
import io.facefleet.messaging.ReplyAwaiter;
import io.facefleet.storage.BlobStore;
import io.facefleet.storage.StorageKeys;
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
        String requestId = StorageKeys.newRequestId();
        String firstKey = StorageKeys.image(requestId, first.extension());
        String secondKey = StorageKeys.secondImage(requestId, second.extension());
        store.put(BlobStore.Area.IMAGES, firstKey, first.bytes());
        store.put(BlobStore.Area.IMAGES, secondKey, second.bytes());
        Job job = new Job(requestId, firstKey, "verify", null, secondKey, replyTo, System.currentTimeMillis(), 1, null);
        JobSubmitter.enqueue(exchange, awaiter, job);
    }
}
