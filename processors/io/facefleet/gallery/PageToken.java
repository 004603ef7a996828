package io.facefleet.gallery;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The opaque "next page" tokens: where a listing goes on from, base64url so clients do not build them. */
final class PageToken {

    private static final String ORD = "o:";
    private static final String NAME = "n:";

    private PageToken() {
    }

    static String ofOrd(long ord) {
        return encode(ORD + ord);
    }

    static String ofName(String name) {
        return encode(NAME + name);
    }

    /** The ord a faces page goes on after (-1 for the first page). */
    static long ord(String token) {
        if (token == null || token.isEmpty()) {
            return -1;
        }
        String t = decode(token);
        try {
            if (t.startsWith(ORD)) {
                return Long.parseLong(t.substring(ORD.length()));
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw bad();
    }

    /** The name a subjects page goes on after (null for the first page). */
    static String name(String token) {
        if (token == null || token.isEmpty()) {
            return null;
        }
        String t = decode(token);
        if (!t.startsWith(NAME)) {
            throw bad();
        }
        return t.substring(NAME.length());
    }

    private static String encode(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String token) {
        try {
            return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw bad();
        }
    }

    private static IllegalArgumentException bad() {
        return new IllegalArgumentException("the page token is not one this listing gave out (pass the 'next' of the page before)");
    }
}
