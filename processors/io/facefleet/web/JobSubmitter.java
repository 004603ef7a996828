package io.facefleet.web;

import io.facefleet.gallery.Gallery;
import io.facefleet.json.Mappers;
import io.facefleet.messaging.Job;
import io.facefleet.messaging.ReplyAwaiter;
import io.facefleet.storage.StorageKeys;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Makes the job of one {@link Upload}: a new request id, the image's key, and the job message
 * (small JSON) for the request queue. It stores and sends nothing: the route does
 * ({@code direct:submit-and-await}). Afterwards the exchange carries the request id, the image to
 * store ({@link RequestImages}), the job message ({@link #JOB}) and the upload's name; the body is
 * the upload's bytes, so the seed's route can store its view of them. A request refused here (an
 * invalid subject name) has nothing to store.
 */
public final class JobSubmitter implements Processor {

    /** Exchange property: the upload's sanitised file name, for the answer and the seed's view. */
    public static final String UPLOAD_NAME = "facefleetUploadName";
    /** Exchange property: the job message the route sends once the images are stored. */
    public static final String JOB = "facefleetJob";

    private final Job.Operation operation;
    private final String replyTo;
    private final boolean seedView;

    /**
     * @param seedView true on the seed's route: have the worker store the label under the upload's
     *     name without extension (the seed graders' view; the route stores the input view)
     */
    public JobSubmitter(Job.Operation operation, String replyTo, boolean seedView) {
        this.operation = operation;
        this.replyTo = replyTo;
        this.seedView = seedView;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Upload upload = exchange.getMessage().getBody(Upload.class);
        String subject = operation == Job.Operation.ENROLL ? exchange.getMessage().getHeader("subject", String.class) : null;
        // ?collection=NAME on the enrol path; the worker answers 404 for one that does not exist
        String collection = operation == Job.Operation.ENROLL ? exchange.getMessage().getHeader("collection", String.class) : null;
        if (operation == Job.Operation.ENROLL) {
            // refused before anything is stored
            Gallery.validateName(subject);
            if (collection != null) {
                Gallery.validateCollectionName(collection);
            }
        }
        String requestId = StorageKeys.newRequestId();
        String imageKey = StorageKeys.image(requestId, upload.extension());
        exchange.setProperty(UPLOAD_NAME, upload.name());
        Job job = new Job(requestId, imageKey, operation, subject, null, replyTo, System.currentTimeMillis(), 1,
                seedView ? upload.name() : null, collection);
        submit(exchange, job, List.of(new RequestImage(imageKey, upload.bytes())));
        exchange.getMessage().setBody(upload.bytes());
    }

    /** Puts a job and the images it needs stored on the exchange, for {@code direct:submit-and-await}. */
    static void submit(Exchange exchange, Job job, List<RequestImage> images) throws Exception {
        exchange.setProperty(ReplyAwaiter.REQUEST_ID, job.requestId());
        exchange.setProperty(JOB, Mappers.json().writeValueAsString(job));
        RequestImages.set(exchange, images);
    }
}
