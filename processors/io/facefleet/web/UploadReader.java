package io.facefleet.web;

import io.facefleet.engine.image.ImageDecoder;
import io.facefleet.engine.image.ImageFormat;
import io.facefleet.messaging.HttpError;
import io.facefleet.storage.StorageKeys;
import jakarta.activation.DataHandler;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.attachment.AttachmentMessage;

/**
 * Reads the image of a multipart upload (field {@code inputFile} by default) and checks it before
 * anything is stored: missing field 400, over the size limit 413, not an image 415 (by magic
 * bytes, whatever the file name says), damaged header 422. Body becomes an {@link Upload}.
 */
public final class UploadReader implements Processor {

    private final String field;
    private final ImageDecoder decoder;

    public UploadReader(String field, ImageDecoder decoder) {
        this.field = field;
        this.decoder = decoder;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        exchange.getMessage().setBody(read(exchange, field));
    }

    /** The checked image of one multipart field. */
    Upload read(Exchange exchange, String name) throws IOException {
        AttachmentMessage msg = exchange.getMessage(AttachmentMessage.class);
        DataHandler part = msg.hasAttachments() ? msg.getAttachment(name) : null;
        if (part == null) {
            throw new HttpError(400, "send the image as multipart/form-data field '" + name + "'");
        }
        byte[] bytes = readLimited(part, decoder.limits().maxBytes());
        ImageFormat format = decoder.check(bytes);
        return new Upload(StorageKeys.fromUploadName(part.getName()), format.name().toLowerCase(Locale.ROOT), bytes);
    }

    /** The part's bytes, refused with 413 past {@code max} without reading further. */
    static byte[] readLimited(DataHandler part, long max) throws IOException {
        try (InputStream in = part.getInputStream()) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
            if (bytes.length > max) {
                throw new HttpError(413, part.getName() + ": larger than the limit of " + max + " bytes");
            }
            return bytes;
        }
    }
}
