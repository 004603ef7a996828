package io.facefleet.rekognition;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The AWS key pairs that may sign requests: {@code ACCESSKEYID:SECRET,...}
 * ({@code facefleet.web.aws-keys}). Empty means no SigV4 check. Secrets are never logged or shown.
 */
public final class AwsKeys {

    private final Map<String, String> secrets = new HashMap<>();

    public AwsKeys(String pairs) {
        for (String p : pairs == null ? new String[0] : pairs.split(",")) {
            if (p.isBlank()) {
                continue;
            }
            int colon = p.indexOf(':');
            if (colon < 1 || colon == p.strip().length() - 1) {
                throw new IllegalArgumentException("facefleet.web.aws-keys is a list of ACCESSKEYID:SECRET pairs, separated by commas");
            }
            String id = p.substring(0, colon).strip();
            secrets.put(id, p.substring(colon + 1).strip());
        }
    }

    public boolean enabled() {
        return !secrets.isEmpty();
    }

    Optional<String> secret(String accessKeyId) {
        return Optional.ofNullable(secrets.get(accessKeyId));
    }
}
