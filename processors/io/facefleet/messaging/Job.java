package io.facefleet.messaging;

/**
 * The request message: small JSON, never the image (the seed's queue takes 1 KB messages).
 *
 * @param requestId correlates the reply with the waiting web request
 * @param inputKey storage key of the image in the input area
 * @param operation {@code recognize} (seed and API), {@code detect}, {@code enroll} or {@code verify}
 * @param subject the subject to enrol ({@code enroll} only)
 * @param otherKey storage key of the second image ({@code verify} only)
 * @param replyTo where the reply goes (the web host's reply queue)
 * @param submittedAt epoch millis when the web tier queued it
 * @param attempt 1 on first delivery
 */
public record Job(String requestId, String inputKey, String operation, String subject, String otherKey, String replyTo, long submittedAt, int attempt) {
}
