package io.facefleet.compreface;

import io.facefleet.messaging.Reply;

/**
 * A worker's error reply in CompreFace's terms. The worker answers in facefleet's neutral form
 * (status and message); CompreFace's clients branch on the code, so the few cases they tell
 * apart get theirs: an image the decoder refuses 21, an example without a face 28 and with
 * several 31, an unknown collection 10; everything else keeps its status.
 */
final class ReplyFailure {

    private ReplyFailure() {
    }

    static CompreFaceError of(Reply reply) {
        int status = reply.status();
        String message = reply.error() == null ? "the request failed" : reply.error();
        if (status == 415) {
            return new CompreFaceError(400, CompreFaceError.UNAVAILABLE_FILE_EXTENSION, message);
        }
        if (status == 422) {
            // EnrolmentException's message ends with the number of faces found (FaceService.enroll)
            if (message.endsWith("found 0")) {
                return CompreFaceError.noFaces();
            }
            if (message.contains("needs exactly one face")) {
                return new CompreFaceError(400, CompreFaceError.TOO_MANY_FACES, message);
            }
            // an image whose header is damaged, a face below the quality bounds
            return new CompreFaceError(400, CompreFaceError.VALIDATION_CONSTRAINT_VIOLATION, message);
        }
        if (status == 404) {
            return new CompreFaceError(404, CompreFaceError.MODEL_NOT_FOUND, message);
        }
        if (status >= 500) {
            return new CompreFaceError(status, CompreFaceError.FACES_SERVICE_EXCEPTION, message);
        }
        return new CompreFaceError(status, CompreFaceError.UNDEFINED, message);
    }
}
