package io.facefleet.web;

import io.facefleet.messaging.Job;
import io.facefleet.storage.StorageKeys;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Verify: two images (fields {@code first} and {@code second}) are checked and become one
 * {@code verify} job with two images to store; like {@link JobSubmitter}, it stores and sends
 * nothing itself ({@code direct:submit-and-await} does). A request with a bad image is refused
 * before anything is stored.
 */
public final class VerifySubmitter implements Processor {

    private final UploadReader reader;
    private final String replyTo;

    public VerifySubmitter(UploadReader reader, String replyTo) {
        this.reader = reader;
        this.replyTo = replyTo;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Upload first = reader.read(exchange, "first");
        Upload second = reader.read(exchange, "second");
        String requestId = StorageKeys.newRequestId();
        String firstKey = StorageKeys.image(requestId, first.extension());
        String secondKey = StorageKeys.secondImage(requestId, second.extension());
        Job job = new Job(requestId, firstKey, Job.Operation.VERIFY, null, secondKey, replyTo, System.currentTimeMillis(), 1, null);
        JobSubmitter.submit(exchange, job, List.of(new RequestImage(firstKey, first.bytes()), new RequestImage(secondKey, second.bytes())));
    }
}
