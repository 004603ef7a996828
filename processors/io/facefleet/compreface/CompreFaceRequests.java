package io.facefleet.compreface;

import io.facefleet.gallery.Gallery;
import org.apache.camel.Exchange;

/** Checks of CompreFace's query parameters before anything is stored or queued. */
public final class CompreFaceRequests {

    /** The recognize options (det_prob_threshold, limit, prediction_count, face_plugins, status). */
    public void recognize(Exchange exchange) {
        RecognizeOptions.read(exchange);
    }

    /** The route's check of {@code ?subject=} (see {@link #subject}); the body stays as it is. */
    public void checkSubject(Exchange exchange) {
        subject(exchange);
    }

    /** {@code ?subject=}: required (400 code 33) and a name the gallery takes (400 code 36). */
    public String subject(Exchange exchange) {
        String subject = exchange.getMessage().getHeader("subject", String.class);
        if (subject == null || subject.isBlank()) {
            throw new CompreFaceError(400, CompreFaceError.MISSING_REQUEST_PARAMETER, "Required request parameter 'subject' is not present");
        }
        try {
            Gallery.validateName(subject);
        } catch (IllegalArgumentException e) {
            throw new CompreFaceError(400, CompreFaceError.INCORRECT_ARGUMENT, e.getMessage());
        }
        return subject;
    }
}
