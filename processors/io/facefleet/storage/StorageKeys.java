package io.facefleet.storage;

import java.util.Locale;
import java.util.UUID;

/**
 * Storage keys. Everything the service reads back is keyed by the request's unique id: its image
 * ({@code <id>.<ext>}), a second image ({@code <id>-second.<ext>}), its result ({@code <id>.json}).
 * Only the seed's view uses the upload's file name (input key = the name, output key = the name
 * without its extension), and it is never read back. Upload names are sanitised first: no
 * directories, no control characters, nothing but letters, digits and {@code . _ -}, at most 120
 * characters.
 */
public final class StorageKeys {

    /** The exchange header that names an object in every storage step (routes/storage-*.camel.yaml). */
    public static final String HEADER = "facefleetStorageKey";

    private static final int MAX = 120;

    private StorageKeys() {
    }

    /** A safe key from an upload's file name; a generated one when nothing usable is left. */
    public static String fromUploadName(String name) {
        String base = name == null ? "" : name;
        int slash = Math.max(base.lastIndexOf('/'), base.lastIndexOf('\\'));
        base = base.substring(slash + 1);
        StringBuilder sb = new StringBuilder();
        for (char c : base.toCharArray()) {
            sb.append(Character.isLetterOrDigit(c) && c < 128 || c == '.' || c == '_' || c == '-' ? c : '_');
        }
        String key = sb.toString().replaceAll("^[.]+", "");
        if (key.length() > MAX) {
            key = key.substring(key.length() - MAX);
        }
        return key.isEmpty() || key.chars().allMatch(c -> c == '_') ? "upload-" + UUID.randomUUID() : key;
    }

    /** The seed's output key: the file name without its extension. */
    public static String stem(String key) {
        int dot = key.lastIndexOf('.');
        return dot > 0 ? key.substring(0, dot) : key;
    }

    /** A new request id: every key a request's images and result are stored under derives from it. */
    public static String newRequestId() {
        return UUID.randomUUID().toString();
    }

    /** The key of a request's image. */
    public static String image(String requestId, String extension) {
        return requestId + "." + extension.toLowerCase(Locale.ROOT);
    }

    /** The key of a request's second image (verify). */
    public static String secondImage(String requestId, String extension) {
        return requestId + "-second." + extension.toLowerCase(Locale.ROOT);
    }

    /** The key of a request's JSON result. */
    public static String result(String requestId) {
        return requestId + ".json";
    }

    /** Refuses a key that is not one {@link StorageKeys} could have made (a forged job's): it could leave its area. */
    public static void requireSafe(String key) {
        if (key == null || key.isEmpty() || key.length() > 200 || key.startsWith(".")
                || key.contains("/") || key.contains("\\") || key.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("unsafe storage key: " + key);
        }
    }
}
