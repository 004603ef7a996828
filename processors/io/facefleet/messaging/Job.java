package io.facefleet.messaging;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Map;
import java.util.regex.Pattern;

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
 * @param collection the gallery collection to enrol into, recognize against or search ({@code enroll},
 *     {@code recognize}, {@code index}, {@code search}); null: the default one
 * @param attributes the face attributes asked for ({@code recognize}, {@code detect}, {@code analyze}), as the
 *     canonical list {@code age,gender,expression} (a subset); null: none, the attribute nets do not run
 * @param options an operation's few small parameters by name (k, max faces, ...); null or empty when it has none
 */
public record Job(String requestId, @JsonAlias("inputKey") String imageKey, Operation operation, String subject, String otherKey,
                  String replyTo, long submittedAt, int attempt, String seedName, String collection, String attributes,
                  Map<String, String> options) {

    /** A job with attributes and no options. */
    public Job(String requestId, String imageKey, Operation operation, String subject, String otherKey,
               String replyTo, long submittedAt, int attempt, String seedName, String collection, String attributes) {
        this(requestId, imageKey, operation, subject, otherKey, replyTo, submittedAt, attempt, seedName, collection, attributes, null);
    }

    /** One option's value, or null when the job does not carry it. */
    public String option(String name) {
        return options == null ? null : options.get(name);
    }

    /** A job on the default collection. */
    public Job(String requestId, String imageKey, Operation operation, String subject, String otherKey,
               String replyTo, long submittedAt, int attempt, String seedName) {
        this(requestId, imageKey, operation, subject, otherKey, replyTo, submittedAt, attempt, seedName, null);
    }

    /** A job that asks for no attributes and has no options. */
    public Job(String requestId, String imageKey, Operation operation, String subject, String otherKey,
               String replyTo, long submittedAt, int attempt, String seedName, String collection) {
        this(requestId, imageKey, operation, subject, otherKey, replyTo, submittedAt, attempt, seedName, collection, null, null);
    }

    /**
     * What a job asks for, by its name on the wire ({@code "recognize"}, ...). The set of
     * operations is whatever handlers the workers have (see {@code worker.HandlerDispatch}), so a
     * new one needs no change here; a name is only checked for its shape.
     *
     * @param wireName lowercase letters and dashes, at most 40
     */
    public record Operation(String wireName) {

        private static final Pattern NAME = Pattern.compile("[a-z][a-z-]{0,39}");

        /** Batch jobs and the seed's route, which Java code names. */
        public static final Operation RECOGNIZE = new Operation("recognize");
        /** Two images in one job, made by its own submitter. */
        public static final Operation VERIFY = new Operation("verify");

        public Operation {
            if (wireName == null || !NAME.matcher(wireName).matches()) {
                throw new IllegalArgumentException("an operation is lowercase letters and dashes, got " + wireName);
            }
        }

        /**
         * The operation a wire name stands for, or null for a missing or malformed name: such a
         * job still parses, so the worker answers it with an error instead of dropping it as no job.
         */
        @JsonCreator
        public static Operation fromWire(String name) {
            return name != null && NAME.matcher(name).matches() ? new Operation(name) : null;
        }

        /** The name on the wire. */
        @Override
        @JsonValue
        public String wireName() {
            return wireName;
        }

        @Override
        public String toString() {
            return wireName;
        }
    }
}
