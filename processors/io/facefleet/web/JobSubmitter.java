package io.facefleet.web;

import io.facefleet.gallery.Gallery;
import io.facefleet.messaging.Job;
import io.facefleet.messaging.ReplyAwaiter;
import io.facefleet.recognition.Json;
import io.facefleet.storage.BlobStore;
import io.facefleet.storage.StorageKeys;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Stores an {@link Upload} under a new request id and turns the exchange into its job message
 * (small JSON) for the request queue, registering the request with the {@link ReplyAwaiter} first.
 * The seed's route also writes the seed's view of the upload (input area, key = file name), which
 * nothing reads back. A request refused here (an invalid subject name) has stored nothing.
 */
public final class JobSubmitter implements Processor {

    /** Exchange property: the upload's sanitised file name, for the answer. */
    public static final String UPLOAD_NAME = "facefleetUploadName";

    private final BlobStore store;
    private final ReplyAwaiter awaiter;
    private final String operation;
    private final String replyTo;
    private final boolean seedView;

    /**
     * @param seedView true on the seed's route: also store the upload under its file name, and have
     *     the worker store the label under the name without extension (the seed graders' view)
     */
    public JobSubmitter(BlobStore store, ReplyAwaiter awaiter, String operation, String replyTo, boolean seedView) {
        this.store = store;
        this.awaiter = awaiter;
        this.operation = operation;
        this.replyTo = replyTo;
        this.seedView = seedView;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Upload upload = exchange.getMessage().getBody(Upload.class);
        String subject = "enroll".equals(operation) ? exchange.getMessage().getHeader("subject", String.class) : null;
        if ("enroll".equals(operation)) {
            // refused before anything is stored
            Gallery.validateName(subject);
        }
        String requestId = StorageKeys.newRequestId();
        String imageKey = StorageKeys.image(requestId, upload.extension());
        store.put(BlobStore.Area.IMAGES, imageKey, upload.bytes());
        if (seedView) {
            store.put(BlobStore.Area.SEED_INPUT, upload.name(), upload.bytes());
        }
        exchange.setProperty(UPLOAD_NAME, upload.name());
        Job job = new Job(requestId, imageKey, operation, subject, null, replyTo, System.currentTimeMillis(), 1,
                seedView ? upload.name() : null);
        enqueue(exchange, awaiter, job);
    }

    /**
     * Makes {@code job} the exchange's body, registering it with the awaiter first so that even a
     * very fast reply finds its request.
     */
    static void enqueue(Exchange exchange, ReplyAwaiter awaiter, Job job) throws Exception {
        exchange.setProperty(ReplyAwaiter.REQUEST_ID, job.requestId());
        awaiter.expect(job.requestId());
        exchange.getMessage().setBody(Json.mapper().writeValueAsString(job));
    }
}
