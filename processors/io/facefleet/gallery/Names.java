package io.facefleet.gallery;

/** The one rule for subject and collection names: safe as labels, paths and storage keys. */
final class Names {

    private Names() {
    }

    /** @param what how the message names it ("a subject name", "a collection name") */
    static void check(String what, String name, int maxLength) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
        if (name.length() > maxLength) {
            throw new IllegalArgumentException(what + " has at most " + maxLength + " characters");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isISOControl(c) || c == '/' || c == '\\' || c == ':') {
                throw new IllegalArgumentException(what + " must not contain control characters, '/', '\\' or ':'");
            }
        }
        if (!name.equals(name.strip())) {
            throw new IllegalArgumentException(what + " must not start or end with spaces");
        }
    }
}
