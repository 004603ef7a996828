package io.facefleet.rekognition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The seam for the face-attribute nets (age, gender, expression; issue 17's attribute work): maps
 * a neutral face's {@code attributes} onto FaceDetail's AgeRange, Gender and Emotions when
 * DetectFaces asks for {@code ALL}. Until the workers measure attributes, a face has none and
 * nothing is added: the answer then carries what DEFAULT does (box, confidence, landmarks, pose,
 * quality). The mapping the nets will need goes here and only here.
 */
final class FaceAttributesMapper {

    private FaceAttributesMapper() {
    }

    /** Adds the Rekognition attribute members of a neutral face to its FaceDetail, if the face has attributes. */
    static void addTo(ObjectNode detail, JsonNode face) {
        JsonNode attributes = face.get("attributes");
        if (attributes == null || !attributes.isObject()) {
            return;
        }
        // filled in with the attribute nets: AgeRange {Low, High}, Gender {Value, Confidence}, Emotions [{Type, Confidence}]
    }
}
