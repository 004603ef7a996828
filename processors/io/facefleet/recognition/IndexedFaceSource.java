package io.facefleet.recognition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.facefleet.json.Mappers;

/**
 * What an image-indexing protocol (Rekognition's IndexFaces) must be able to list again for a
 * face, kept as the enrolled face's {@code source}: compact JSON
 * {@code {"ix":1,"box":[left,top,width,height],"conf":c,"image":id,"external":name}} with the box
 * as fractions of the image. Faces enrolled any other way have a plain source, read as none.
 *
 * @param box left, top, width, height as fractions of the upright image
 * @param confidence the detector's score, 0..1
 * @param imageId the id of the indexing call that enrolled the face
 * @param externalImageId the caller's name for the image, or null
 */
public record IndexedFaceSource(double[] box, double confidence, String imageId, String externalImageId) {

    private static final String MARK = "{\"ix\":1,";

    public String encode() {
        ObjectNode n = Mappers.json().createObjectNode().put("ix", 1);
        n.putArray("box").add(box[0]).add(box[1]).add(box[2]).add(box[3]);
        n.put("conf", confidence).put("image", imageId);
        if (externalImageId != null) {
            n.put("external", externalImageId);
        }
        return n.toString();
    }

    /** The record a source holds, or null when it is not one (a face enrolled by another path). */
    public static IndexedFaceSource decode(String source) {
        if (source == null || !source.startsWith(MARK)) {
            return null;
        }
        try {
            JsonNode n = Mappers.json().readTree(source);
            JsonNode b = n.get("box");
            double[] box = {b.get(0).asDouble(), b.get(1).asDouble(), b.get(2).asDouble(), b.get(3).asDouble()};
            return new IndexedFaceSource(box, n.path("conf").asDouble(), n.path("image").asText(null),
                    n.hasNonNull("external") ? n.get("external").asText() : null);
        } catch (Exception e) {
            return null;
        }
    }
}
