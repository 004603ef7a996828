package io.facefleet.compreface;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.facefleet.json.Mappers;

/**
 * CompreFace's five landmarks from face-api's 68 (iBUG order, 0-based): the two eye centres
 * (means of 36..41 and 42..47), the nose tip (30), the mouth corners (48, 54), in whole pixels.
 */
final class FivePoints {

    private FivePoints() {
    }

    static ArrayNode of(JsonNode landmarks68) {
        ArrayNode out = Mappers.json().createArrayNode();
        if (landmarks68.size() < 68) {
            return out;
        }
        out.add(mean(landmarks68, 36, 41));
        out.add(mean(landmarks68, 42, 47));
        out.add(mean(landmarks68, 30, 30));
        out.add(mean(landmarks68, 48, 48));
        out.add(mean(landmarks68, 54, 54));
        return out;
    }

    private static ArrayNode mean(JsonNode points, int from, int to) {
        double x = 0;
        double y = 0;
        for (int i = from; i <= to; i++) {
            x += points.get(i).get(0).asDouble();
            y += points.get(i).get(1).asDouble();
        }
        int n = to - from + 1;
        return Mappers.json().createArrayNode().add((int) Math.round(x / n)).add((int) Math.round(y / n));
    }
}
