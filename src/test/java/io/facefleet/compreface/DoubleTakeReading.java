package io.facefleet.compreface;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * How Double Take reads a recognize answer (its detector's {@code normalize}, with its default
 * thresholds: a match at 60 % and more, a name shown at 40 % and more), re-typed in Java so the
 * tests check what a Double Take user would see, not only the JSON.
 */
final class DoubleTakeReading {

    /** Double Take's default CONFIDENCE.MATCH. */
    static final double MATCH = 60;
    /** Double Take's default CONFIDENCE.UNKNOWN. */
    static final double UNKNOWN = 40;

    record Seen(String name, double confidence, boolean match, int top, int left, int width, int height) {
    }

    private DoubleTakeReading() {
    }

    /** The faces Double Take takes from an answer; code 28 means none; any other answer without result is its error. */
    static List<Seen> read(JsonNode data) {
        if (data.path("code").asInt(-1) == 28) {
            return List.of();
        }
        if (!data.has("result")) {
            throw new IllegalStateException(data.path("message").asText("no result"));
        }
        List<Seen> seen = new ArrayList<>();
        for (JsonNode face : data.get("result")) {
            JsonNode first = face.path("subjects").path(0);
            double confidence = first.isMissingNode() ? 0 : Math.round(first.get("similarity").asDouble() * 10000) / 100.0;
            String name = !first.isMissingNode() && confidence >= UNKNOWN ? first.get("subject").asText().toLowerCase() : "unknown";
            JsonNode box = face.get("box");
            seen.add(new Seen(name, confidence, confidence >= MATCH, box.get("y_min").asInt(), box.get("x_min").asInt(),
                    box.get("x_max").asInt() - box.get("x_min").asInt(), box.get("y_max").asInt() - box.get("y_min").asInt()));
        }
        return seen;
    }
}
