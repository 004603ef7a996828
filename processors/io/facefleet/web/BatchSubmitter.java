package io.facefleet.web;

import io.facefleet.engine.image.ImageDecoder;
import io.facefleet.engine.image.ImageFormat;
import io.facefleet.engine.image.ImageRejectedException;
import io.facefleet.json.Mappers;
import io.facefleet.messaging.HttpError;
import io.facefleet.messaging.Job;
import io.facefleet.storage.StorageKeys;
import jakarta.activation.DataHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.attachment.AttachmentMessage;

/**
 * A batch job: every image of a multipart body (any field names) is checked, given a request id
 * of its own, and becomes one job message without a reply queue; a manifest lists them for
 * {@link BatchStatus}. It stores and sends nothing: the exchange carries the images to store
 * ({@link RequestImages}) and the manifest ({@link #MANIFEST}); the body becomes the list of job
 * messages. The route stores the images, then the manifest, then splits the jobs onto the request
 * queue. A batch with any bad image is refused whole, before anything is stored.
 */
public final class BatchSubmitter implements Processor {

    /** Exchange property with the new batch's id. */
    public static final String BATCH_ID = "facefleetBatchId";
    /** Exchange property with the new batch's manifest (JSON bytes), stored by {@link BatchStatus#record}. */
    public static final String MANIFEST = "facefleetBatchManifest";

    private final ImageDecoder decoder;
    private final int maxImages;

    public BatchSubmitter(ImageDecoder decoder, int maxImages) {
        this.decoder = decoder;
        this.maxImages = maxImages;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        AttachmentMessage msg = exchange.getMessage(AttachmentMessage.class);
        if (!msg.hasAttachments()) {
            throw new HttpError(400, "send the images as multipart/form-data files");
        }
        if (msg.getAttachmentNames().size() > maxImages) {
            throw new HttpError(413, "a batch holds at most " + maxImages + " images");
        }
        List<String> names = new ArrayList<>();
        List<byte[]> images = new ArrayList<>();
        List<String> extensions = new ArrayList<>();
        for (String field : msg.getAttachmentNames()) {
            DataHandler part = msg.getAttachment(field);
            byte[] bytes = UploadReader.readLimited(part, decoder.limits().maxBytes());
            ImageFormat format;
            try {
                format = decoder.check(bytes);
            } catch (ImageRejectedException e) {
                throw new HttpError(e.httpStatus(), part.getName() + ": " + e.getMessage());
            }
            names.add(StorageKeys.fromUploadName(part.getName()));
            images.add(bytes);
            extensions.add(format.name().toLowerCase(Locale.ROOT));
        }
        String batchId = UUID.randomUUID().toString();
        long now = System.currentTimeMillis();
        var manifest = Mappers.json().createObjectNode().put("id", batchId).put("submittedAt", now);
        var items = manifest.putArray("images");
        List<String> jobs = new ArrayList<>();
        List<RequestImage> toStore = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            // each image is a request of its own: its image and result live under its own id
            String requestId = StorageKeys.newRequestId();
            String key = StorageKeys.image(requestId, extensions.get(i));
            toStore.add(new RequestImage(key, images.get(i)));
            items.addObject().put("name", names.get(i)).put("requestId", requestId);
            jobs.add(Mappers.json().writeValueAsString(new Job(requestId, key, Job.Operation.RECOGNIZE, null, null, null, now, 1, null)));
        }
        RequestImages.set(exchange, toStore);
        exchange.setProperty(MANIFEST, Mappers.json().writeValueAsBytes(manifest));
        exchange.setProperty(BATCH_ID, batchId);
        exchange.getMessage().setBody(jobs);
    }
}
