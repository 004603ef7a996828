package io.facefleet.messaging;

import com.fasterxml.jackson.annotation.JsonAlias;

/**
 * The request message: small JSON, never the image (the seed's queue takes 1 KB messages). Every
 * key in it derives from the request id, so two requests never share an image or a result,
 * whatever their clients named the files.
 *
 * @param requestId correlates the reply with the waiting web request; the result is stored under it
 * @param imageKey storage key of the image in the images area
 * @param operation {@code recognize} (seed and API), {@code detect}, {@code enroll} or {@code verify}
 * @param subject the subject to enrol ({@code enroll} only)
 * @param otherKey storage key of the second image ({@code verify} only)
 * @param replyTo where the reply goes (the web host's reply queue)
 * @param submittedAt epoch millis when the web tier queued it
 * @param attempt 1 on first delivery
 * @param seedName the upload's sanitised file name when the seed's view is to be written (the
 *     label under the name without extension, for the seed's graders), else null
 */
public record Job(String requestId, @JsonAlias("inputKey") String imageKey, String operation, String subject, String otherKey,
                  String replyTo, long submittedAt, int attempt, String seedName) {
}
