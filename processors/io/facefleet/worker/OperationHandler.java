package io.facefleet.worker;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.facefleet.messaging.Job;
import io.facefleet.recognition.FaceService;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;

/**
 * The work of one operation ({@link Job.Operation}) on a job's images, read from storage by the
 * worker route. A failure that would recur on any worker is thrown (mapped by {@link JobFailure}).
 * A handler is a public class in this package marked {@link Handles} with a public constructor
 * taking {@link Needs}; {@link HandlerDispatch} finds it there, so adding an operation touches
 * no other Java file.
 */
public interface OperationHandler {

    /** Names the operation (its wire name) a handler class does. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    @interface Handles {
        String value();
    }

    /**
     * What every handler may use.
     *
     * @param service the engine and the gallery
     * @param unknownLabel the label of a face the gallery does not know
     */
    record Needs(FaceService service, String unknownLabel) {
    }

    /**
     * What a handler made of a job.
     *
     * @param result the result document
     * @param label the seed answer's label, or null
     * @param seedLabel the label to write to the seed's output view, or null for none
     */
    record Handled(ObjectNode result, String label, String seedLabel) {
    }

    /** How many images the operation reads (the job's image, and its second one for verify). */
    default int images() {
        return 1;
    }

    Handled handle(Job job, List<byte[]> images);
}
