package io.facefleet.rekognition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.facefleet.json.Mappers;
import io.facefleet.recognition.IndexedFaceSource;

/**
 * Rekognition's face shapes made from facefleet's neutral face JSON ({@code box} [x,y,w,h] in
 * pixels, {@code score} 0..1, 68 {@code landmarks}, {@code quality}) and the upright image size:
 * boxes and landmarks as fractions of the image, Confidence 0..100, Pose from the head-pose
 * estimate, Quality's Brightness and Sharpness 0..100. docs/decisions.md records each mapping.
 */
public final class RekognitionShapes {

    /** The face model's version, answered as FaceModelVersion (the face-api weights' release). */
    public static final String FACE_MODEL_VERSION = "1.7.15";

    /**
     * Rekognition's landmark names and the iBUG 68-point indices (0-based) each is the mean of.
     * "Left" is the image's left, as in Rekognition's answers and face-api's numbering. There is
     * no pupil model: a pupil is its eye's centre.
     */
    static final Object[][] LANDMARKS = {
        {"eyeLeft", new int[] {36, 37, 38, 39, 40, 41}},
        {"eyeRight", new int[] {42, 43, 44, 45, 46, 47}},
        {"mouthLeft", new int[] {48}},
        {"mouthRight", new int[] {54}},
        {"nose", new int[] {30}},
        {"leftEyeBrowLeft", new int[] {17}},
        {"leftEyeBrowRight", new int[] {21}},
        {"leftEyeBrowUp", new int[] {19}},
        {"rightEyeBrowLeft", new int[] {22}},
        {"rightEyeBrowRight", new int[] {26}},
        {"rightEyeBrowUp", new int[] {24}},
        {"leftEyeLeft", new int[] {36}},
        {"leftEyeRight", new int[] {39}},
        {"leftEyeUp", new int[] {37, 38}},
        {"leftEyeDown", new int[] {40, 41}},
        {"rightEyeLeft", new int[] {42}},
        {"rightEyeRight", new int[] {45}},
        {"rightEyeUp", new int[] {43, 44}},
        {"rightEyeDown", new int[] {46, 47}},
        {"noseLeft", new int[] {31}},
        {"noseRight", new int[] {35}},
        {"mouthUp", new int[] {51}},
        {"mouthDown", new int[] {57}},
        {"leftPupil", new int[] {36, 37, 38, 39, 40, 41}},
        {"rightPupil", new int[] {42, 43, 44, 45, 46, 47}},
        {"upperJawlineLeft", new int[] {1}},
        {"midJawlineLeft", new int[] {4}},
        {"chinBottom", new int[] {8}},
        {"midJawlineRight", new int[] {12}},
        {"upperJawlineRight", new int[] {15}},
    };

    /** How many of {@link #LANDMARKS} a ComparedFace carries (the five AWS's examples show). */
    static final int COMPARED_LANDMARKS = 5;

    private RekognitionShapes() {
    }

    /** {@code {Width, Height, Left, Top}} of a pixel box [x,y,w,h] in an image of w x h. */
    static ObjectNode boundingBox(JsonNode box, int width, int height) {
        return boundingBox(box.get(0).asDouble() / width, box.get(1).asDouble() / height,
                box.get(2).asDouble() / width, box.get(3).asDouble() / height);
    }

    static ObjectNode boundingBox(double left, double top, double w, double h) {
        return Mappers.json().createObjectNode().put("Width", r6(w)).put("Height", r6(h)).put("Left", r6(left)).put("Top", r6(top));
    }

    /** The first {@code count} Rekognition landmarks of 68 points, as fractions of the image. */
    static ArrayNode landmarks(JsonNode points, int width, int height, int count) {
        ArrayNode out = Mappers.json().createArrayNode();
        if (points == null || points.size() != 68) {
            return out;
        }
        for (int i = 0; i < count; i++) {
            int[] idx = (int[]) LANDMARKS[i][1];
            double x = 0;
            double y = 0;
            for (int j : idx) {
                x += points.get(j).get(0).asDouble();
                y += points.get(j).get(1).asDouble();
            }
            out.addObject().put("Type", (String) LANDMARKS[i][0]).put("X", r6(x / idx.length / width)).put("Y", r6(y / idx.length / height));
        }
        return out;
    }

    /** The neutral face as a FaceDetail: box, confidence, all landmarks, pose, quality. */
    static ObjectNode faceDetail(JsonNode face, int width, int height) {
        ObjectNode d = Mappers.json().createObjectNode();
        d.set("BoundingBox", boundingBox(face.get("box"), width, height));
        d.set("Landmarks", landmarks(face.get("landmarks"), width, height, LANDMARKS.length));
        addPoseAndQuality(d, face);
        d.put("Confidence", confidence(face));
        return d;
    }

    /** The neutral face as a ComparedFace: box, confidence, five landmarks, pose, quality. */
    static ObjectNode comparedFace(JsonNode face, int width, int height) {
        ObjectNode d = Mappers.json().createObjectNode();
        d.set("BoundingBox", boundingBox(face.get("box"), width, height));
        d.put("Confidence", confidence(face));
        d.set("Landmarks", landmarks(face.get("landmarks"), width, height, COMPARED_LANDMARKS));
        addPoseAndQuality(d, face);
        return d;
    }

    /** A collection's Face: id, box, image id, the caller's image name, confidence, model version. */
    static ObjectNode face(String faceId, IndexedFaceSource source) {
        ObjectNode f = Mappers.json().createObjectNode().put("FaceId", faceId);
        if (source != null) {
            double[] b = source.box();
            f.set("BoundingBox", boundingBox(b[0], b[1], b[2], b[3]));
            f.put("ImageId", source.imageId());
            if (source.externalImageId() != null) {
                f.put("ExternalImageId", source.externalImageId());
            }
            f.put("Confidence", r4(100 * source.confidence()));
        }
        f.put("IndexFacesModelVersion", FACE_MODEL_VERSION);
        return f;
    }

    /** Pose {Roll, Yaw, Pitch} in degrees and Quality {Brightness, Sharpness} 0..100, when measured. */
    private static void addPoseAndQuality(ObjectNode d, JsonNode face) {
        JsonNode q = face.get("quality");
        if (q == null) {
            return;
        }
        d.putObject("Pose").put("Roll", q.path("roll").asDouble()).put("Yaw", q.path("yaw").asDouble()).put("Pitch", q.path("pitch").asDouble());
        d.putObject("Quality").put("Brightness", r4(100 * q.path("brightness").asDouble())).put("Sharpness", r4(100 * q.path("sharpness").asDouble()));
    }

    static double confidence(JsonNode face) {
        return r4(100 * face.path("score").asDouble());
    }

    private static double r6(double v) {
        return Math.round(v * 1e6) / 1e6;
    }

    static double r4(double v) {
        return Math.round(v * 1e4) / 1e4;
    }
}
