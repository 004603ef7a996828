package io.facefleet.messaging;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The reply message: request id, result JSON (or an error with its HTTP status), timings.
 *
 * @param label the seed answer's label (largest face's subject, or the unknown label)
 * @param status 200, or the error's HTTP status
 * @param error short message when status is not 200
 * @param queuedMillis time between submission and a worker taking the job
 * @param workMillis time the worker spent on it
 */
public record Reply(String requestId, int status, String label, JsonNode result, String error,
                    long queuedMillis, long workMillis) {
}
