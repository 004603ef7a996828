package io.facefleet.rekognition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.facefleet.engine.FaceAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The face attributes of a worker's face (age, gender, expressions from face-api's nets) as
 * FaceDetail's AgeRange, Gender and Emotions, for DetectFaces with {@code Attributes: ["ALL"]}.
 * The mapping and why: docs/decisions.md ("Mapping onto Rekognition").
 */
final class FaceAttributesMapper {

    /** face-api's seven expressions by their wire names, as Rekognition's emotion types. */
    private static final Map<String, String> EMOTION = Map.of(
            "neutral", "CALM", "happy", "HAPPY", "sad", "SAD", "angry", "ANGRY",
            "fearful", "FEAR", "disgusted", "DISGUSTED", "surprised", "SURPRISED");

    private final double ageBandYears;

    /** @param ageBandYears how far AgeRange reaches each side of the one age estimate (facefleet.rekognition.age-band-years) */
    FaceAttributesMapper(double ageBandYears) {
        this.ageBandYears = ageBandYears;
    }

    /** Adds AgeRange, Gender and Emotions to a FaceDetail, each when the face carries it. */
    void addTo(ObjectNode detail, JsonNode face) {
        JsonNode a = face.path("attributes");
        if (a.has("age")) {
            FaceAttributes.AgeRange range = new FaceAttributes((float) a.get("age").asDouble(), null, null, null).ageRange(ageBandYears);
            detail.putObject("AgeRange").put("Low", range.low()).put("High", range.high());
        }
        if (a.has("gender")) {
            detail.putObject("Gender").put("Value", "male".equals(a.get("gender").asText()) ? "Male" : "Female")
                    .put("Confidence", 100 * a.get("genderProbability").asDouble());
        }
        if (a.has("expressions")) {
            List<Map.Entry<String, JsonNode>> byConfidence = new ArrayList<>();
            a.get("expressions").fields().forEachRemaining(byConfidence::add);
            byConfidence.sort((x, y) -> Double.compare(y.getValue().asDouble(), x.getValue().asDouble()));
            ArrayNode emotions = detail.putArray("Emotions");
            for (Map.Entry<String, JsonNode> e : byConfidence) {
                emotions.addObject().put("Type", EMOTION.get(e.getKey())).put("Confidence", 100 * e.getValue().asDouble());
            }
        }
    }
}
