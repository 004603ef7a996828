package io.facefleet.compreface;

import io.facefleet.engine.image.ImageRejectedException;
import io.facefleet.messaging.HttpError;
import io.facefleet.web.UploadReader;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.attachment.AttachmentMessage;

/**
 * Reads CompreFace's multipart field {@code file} with the service's own checks (size limit, magic
 * bytes, header damage), refusing in CompreFace's shape: no such field 400 code 34, not an image
 * (or a damaged one) 400 code 21, over the size limit 413 code 26.
 */
public final class CompreFaceUpload implements Processor {

    /** CompreFace's field name, the one its clients send. */
    public static final String FIELD = "file";

    private final UploadReader reader;

    /** @param reader an upload reader of the field {@link #FIELD} */
    public CompreFaceUpload(UploadReader reader) {
        this.reader = reader;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        AttachmentMessage msg = exchange.getMessage(AttachmentMessage.class);
        if (!msg.hasAttachments() || msg.getAttachment(FIELD) == null) {
            throw new CompreFaceError(400, CompreFaceError.MISSING_REQUEST_PART, "Required request part '" + FIELD + "' is not present");
        }
        try {
            reader.process(exchange);
        } catch (ImageRejectedException e) {
            throw new CompreFaceError(400, CompreFaceError.UNAVAILABLE_FILE_EXTENSION, e.getMessage());
        } catch (HttpError e) {
            throw new CompreFaceError(e.status(), CompreFaceError.VALIDATION_CONSTRAINT_VIOLATION, e.getMessage());
        }
    }
}
