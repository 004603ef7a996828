package io.facefleet.messaging;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * The request message: small JSON, never the image (the seed's queue takes 1 KB messages). Every
 * key in it derives from the request id, so two requests never share an image or a result,
 * whatever their clients named the files.
 *
 * @param requestId correlates the reply with the waiting web request; the result is stored under it
 * @param imageKey storage key of the image in the images area
 * @param operation what to do with the image; null when the message names none this worker knows
 *     (the worker answers such a job with an error, it does not drop it)
 * @param subject the subject to enrol ({@code enroll} only)
 * @param otherKey storage key of the second image ({@code verify} only)
 * @param replyTo where the reply goes (the web host's reply queue)
 * @param submittedAt epoch millis when the web tier queued it
 * @param attempt 1 on first delivery
 * @param seedName the upload's sanitised file name when the seed's view is to be written (the
 *     label under the name without extension, for the seed's graders), else null
 * @param collection the gallery collection to enrol into ({@code enroll} only); null: the default one
 */
public record Job(String requestId, @JsonAlias("inputKey") String imageKey, Operation operation, String subject, String otherKey,
                  String replyTo, long submittedAt, int attempt, String seedName, String collection) {

    /** A job on the default collection. */
    public Job(String requestId, String imageKey, Operation operation, String subject, String otherKey,
               String replyTo, long submittedAt, int attempt, String seedName) {
        this(requestId, imageKey, operation, subject, otherKey, replyTo, submittedAt, attempt, seedName, null);
    }

    /** What a job asks for; on the wire its lowercase name ({@code "recognize"}, ...). */
    public enum Operation {
        /** every face, named from the gallery (seed and API) */
        RECOGNIZE,
        /** every face's box and landmarks, no names */
        DETECT,
        /** whether the largest faces of two images are one person */
        VERIFY,
        /** add the image's one face to a subject */
        ENROLL;

        /** The name on the wire. */
        @JsonValue
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /**
         * The operation a wire name stands for, or null for a missing or unknown name: such a job
         * still parses, so the worker answers it with an error instead of dropping it as no job.
         */
        @JsonCreator
        public static Operation fromWire(String name) {
            for (Operation o : values()) {
                if (o.wireName().equals(name)) {
                    return o;
                }
            }
            return null;
        }
    }
}
