package io.facefleet.worker;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.facefleet.messaging.Job;
import java.util.List;

/**
 * The work of one operation ({@link Job.Operation}) on a job's images, read from storage by the
 * worker route. A failure that would recur on any worker is thrown (mapped by {@link JobFailure}).
 */
public interface OperationHandler {

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
