package io.facefleet.worker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.facefleet.json.Mappers;

/**
 * How a job ended: its result (status 200) or an error with the HTTP status the client gets.
 * Either is stored as the job's result ({@link #document()}), so a batch or a redelivery shows it.
 *
 * @param result the result document (200 only), with the request id
 * @param label the seed answer's label (200 only; may be null)
 * @param error the error message (not 200 only)
 * @param document the bytes stored as the job's result
 */
public record JobOutcome(String requestId, int status, ObjectNode result, String label, String error, byte[] document) {

    /** A job done; its result is written as JSON here, so a result that cannot be is a failure of the job. */
    static JobOutcome done(String requestId, ObjectNode result, String label) throws JsonProcessingException {
        result.put("requestId", requestId);
        return new JobOutcome(requestId, 200, result, label, null, Mappers.json().writeValueAsBytes(result));
    }

    /** A job answered with an error; the stored document holds the status, the error and the request id. */
    static JobOutcome failed(String requestId, int status, String error) {
        ObjectNode doc = Mappers.json().createObjectNode().put("status", status).put("error", error).put("requestId", requestId);
        try {
            return new JobOutcome(requestId, status, null, null, error, Mappers.json().writeValueAsBytes(doc));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
