package io.facefleet.gallery;

import java.io.IOException;
import java.util.List;
import java.util.UUID;

/**
 * At start on the aws profile: the shared log is correct only if the store refuses a second
 * conditional PUT of one key (If-None-Match: *). Writes a fresh probe key twice and refuses to
 * start when the second write is not refused, rather than let two hosts take one log entry.
 */
public final class ConditionalWriteProbe {

    private ConditionalWriteProbe() {
    }

    public static void require(GalleryObjects objects) {
        String key = "probe/" + UUID.randomUUID();
        try {
            boolean first = objects.putIfAbsent(key, new byte[] {1});
            boolean second = objects.putIfAbsent(key, new byte[] {2});
            objects.delete(List.of(key));
            if (!first || second) {
                throw new GalleryException("the S3 store does not honour conditional writes (If-None-Match: *): the first PUT of "
                        + key + " was " + (first ? "accepted" : "refused") + ", the second " + (second ? "accepted" : "refused")
                        + "; the shared gallery log needs them (AWS S3 has them since 2024)", null);
            }
        } catch (IOException e) {
            throw new GalleryException("the shared gallery cannot reach S3: " + e.getMessage(), e);
        }
    }
}
