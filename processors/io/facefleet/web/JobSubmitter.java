package io.facefleet.web;

import io.facefleet.engine.Attribute;
import io.facefleet.gallery.Gallery;
import io.facefleet.json.Mappers;
import io.facefleet.messaging.Job;
import io.facefleet.messaging.ReplyAwaiter;
import io.facefleet.storage.StorageKeys;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Exchange;

/**
 * Makes the job of one {@link Upload}: a new request id, the image's key, and the job message
 * (small JSON) for the request queue. It stores and sends nothing: the route does
 * ({@code direct:submit-and-await}). The route names the operation
 * ({@code submit(*, 'detect')}), so a new operation needs no change here. Afterwards the exchange
 * carries the request id, the image to store ({@link RequestImages}), the job message
 * ({@link #JOB}) and the upload's name; the body is the upload's bytes, so the seed's route can
 * store its view of them. A request refused here (an invalid subject name) has nothing to store.
 */
public final class JobSubmitter {

    /** Exchange property: the upload's sanitised file name, for the answer and the seed's view. */
    public static final String UPLOAD_NAME = "facefleetUploadName";
    /** Exchange property: the job message the route sends once the images are stored. */
    public static final String JOB = "facefleetJob";
    /** The query parameter (a header on the exchange) that asks for face attributes. */
    public static final String ATTRIBUTES_PARAMETER = "attributes";

    private final String replyTo;
    private final AttributeRequest attributes;

    /** A submitter that offers every face attribute. */
    public JobSubmitter(String replyTo) {
        this(replyTo, AttributeRequest.all());
    }

    /** @param attributes the face attributes requests may ask for */
    public JobSubmitter(String replyTo, AttributeRequest attributes) {
        this.replyTo = replyTo;
        this.attributes = attributes;
    }

    /** A job of the named operation on the upload. */
    public void submit(Exchange exchange, String operation) throws Exception {
        submit(exchange, operation, null);
    }

    /**
     * A job of the named operation on the upload, with the face attributes the request's
     * {@link #ATTRIBUTES_PARAMETER} query parameter asks for (none without it); an unknown or
     * turned-off name is a 400 before anything is stored. (The route does not pass the parameter as
     * {@code ${header.attributes}}: when it is absent, Camel's bean binding replaces the upload in
     * the body by its text.)
     */
    public void submitWithAttributes(Exchange exchange, String operation) throws Exception {
        Object value = exchange.getMessage().getHeader(ATTRIBUTES_PARAMETER);
        // a parameter given twice (?attributes=age&attributes=gender) arrives as a list: both count
        String parameter = value instanceof Iterable<?> values ? String.join(",", strings(values))
                : value == null ? null : value.toString();
        submit(exchange, operation, parameter);
    }

    private static List<String> strings(Iterable<?> values) {
        List<String> out = new java.util.ArrayList<>();
        values.forEach(v -> out.add(String.valueOf(v)));
        return out;
    }

    /** The same with the parameter's value given (null: none). */
    public void submit(Exchange exchange, String operation, String attributesParameter) throws Exception {
        Set<Attribute> asked = attributes.parse(attributesParameter);
        submit(exchange, new Job.Operation(operation), null, null, false, asked.isEmpty() ? null : Attribute.format(asked));
    }

    /**
     * A job of the named operation for one subject of a collection (null: the default one),
     * refused before anything is stored when a name is invalid; the worker answers 404 for a
     * collection that does not exist.
     */
    public void submitForSubject(Exchange exchange, String operation, String subject, String collection) throws Exception {
        Gallery.validateName(subject);
        submit(exchange, new Job.Operation(operation), subject, collection, false, null);
    }

    /** A job of the named operation against a collection (null: the default one), refused before anything is stored when its name is invalid. */
    public void submitIn(Exchange exchange, String operation, String collection) throws Exception {
        submit(exchange, new Job.Operation(operation), null, collection, false, null);
    }

    /**
     * A job of the named operation on a collection (null: the default one) with a few small
     * options (k, max faces, ...), refused before anything is stored when the name is invalid.
     */
    public void submitWithOptions(Exchange exchange, String operation, String collection, Map<String, String> options) throws Exception {
        submit(exchange, new Job.Operation(operation), null, collection, false, null, options);
    }

    /** The seed's job: recognize, and have the worker store the label under the upload's name without extension (the seed graders' view). */
    public void submitSeed(Exchange exchange) throws Exception {
        submit(exchange, Job.Operation.RECOGNIZE, null, null, true, null);
    }

    private void submit(Exchange exchange, Job.Operation operation, String subject, String collection, boolean seedView,
                        String attributeList) throws Exception {
        submit(exchange, operation, subject, collection, seedView, attributeList, null);
    }

    private void submit(Exchange exchange, Job.Operation operation, String subject, String collection, boolean seedView,
                        String attributeList, Map<String, String> options) throws Exception {
        if (collection != null) {
            // refused here, before the route stores anything
            Gallery.validateCollectionName(collection);
        }
        Upload upload = exchange.getMessage().getBody(Upload.class);
        String requestId = StorageKeys.newRequestId();
        String imageKey = StorageKeys.image(requestId, upload.extension());
        exchange.setProperty(UPLOAD_NAME, upload.name());
        Job job = new Job(requestId, imageKey, operation, subject, null, replyTo, System.currentTimeMillis(), 1,
                seedView ? upload.name() : null, collection, attributeList, options);
        submit(exchange, job, List.of(new RequestImage(imageKey, upload.bytes())));
        exchange.getMessage().setBody(upload.bytes());
    }

    /** Puts a job and the images it needs stored on the exchange, for {@code direct:submit-and-await}. */
    public static void submit(Exchange exchange, Job job, List<RequestImage> images) throws Exception {
        exchange.setProperty(ReplyAwaiter.REQUEST_ID, job.requestId());
        exchange.setProperty(JOB, Mappers.json().writeValueAsString(job));
        RequestImages.set(exchange, images);
    }
}
