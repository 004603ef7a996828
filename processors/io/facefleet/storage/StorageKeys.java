package io.facefleet.storage;

import java.util.Locale;
import java.util.UUID;

/**
 * Storage keys. Seed-compatible: the input key is the uploaded file name, the output key that
 * name without its extension. Upload names are sanitised first: no directories, no control
 * characters, nothing but letters, digits and {@code . _ -}, at most 120 characters.
 */
public final class StorageKeys {

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

    /** A unique key for API uploads that have no meaningful name. */
    public static String generated(String extension) {
        return "api-" + UUID.randomUUID() + "." + extension.toLowerCase(Locale.ROOT);
    }

    static void requireSafe(String key) {
        if (key == null || key.isEmpty() || key.length() > 200 || key.startsWith(".")
                || key.contains("/") || key.contains("\\") || key.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("unsafe storage key: " + key);
        }
    }
}
