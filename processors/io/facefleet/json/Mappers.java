package io.facefleet.json;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The one JSON mapper every layer shares (thread-safe once configured, and costly to build). */
public final class Mappers {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Mappers() {
    }

    public static ObjectMapper json() {
        return JSON;
    }
}
