package io.facefleet.rekognition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.facefleet.gallery.Catalog;
import io.facefleet.gallery.StoredFace;
import io.facefleet.json.Mappers;
import io.facefleet.messaging.HttpError;
import io.facefleet.messaging.Reply;
import io.facefleet.recognition.IndexedFaceSource;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * The answers of the Rekognition operations that ran on a worker: the worker's neutral result
 * (or its error, thrown for {@link RekognitionErrorAnswer}) in Rekognition's response shapes.
 * Distances become Similarity through {@link Similarity}; matches below the request's threshold
 * are left out (CompareFaces lists them as UnmatchedFaces).
 */
public final class RekognitionAnswer {

    /** The content type of every answer, success or error. */
    public static final String CONTENT_TYPE = "application/x-amz-json-1.1";

    private final Similarity similarity;
    private final Catalog catalog;
    private final FaceAttributesMapper attributes;

    /**
     * @param catalog the named collections (of this host, or shared through S3)
     * @param ageBandYears how far DetectFaces' AgeRange reaches each side of the age estimate
     */
    public RekognitionAnswer(Similarity similarity, Catalog catalog, double ageBandYears) {
        this.similarity = similarity;
        this.catalog = catalog;
        this.attributes = new FaceAttributesMapper(ageBandYears);
    }

    public void detectFaces(Exchange exchange) throws Exception {
        JsonNode result = result(exchange);
        boolean all = RekognitionJobs.asksForAll(RekognitionRequest.document(exchange));
        int w = result.get("width").asInt();
        int h = result.get("height").asInt();
        ObjectNode out = Mappers.json().createObjectNode();
        ArrayNode details = out.putArray("FaceDetails");
        for (JsonNode f : result.get("faces")) {
            ObjectNode d = RekognitionShapes.faceDetail(f, w, h);
            if (all) {
                attributes.addTo(d, f);
            }
            details.add(d);
        }
        write(exchange, 200, out);
    }

    public void compareFaces(Exchange exchange) throws Exception {
        JsonNode result = result(exchange);
        double maxDistance = similarity.maxDistance(RekognitionJobs.threshold(RekognitionRequest.document(exchange), "SimilarityThreshold"));
        JsonNode source = result.get("source");
        JsonNode target = result.get("target");
        int tw = target.get("width").asInt();
        int th = target.get("height").asInt();
        ObjectNode out = Mappers.json().createObjectNode();
        JsonNode sf = source.get("face");
        out.putObject("SourceImageFace")
                .setAll(Mappers.json().createObjectNode()
                        .<ObjectNode>set("BoundingBox", RekognitionShapes.boundingBox(sf.get("box"), source.get("width").asInt(), source.get("height").asInt()))
                        .put("Confidence", RekognitionShapes.confidence(sf)));
        ArrayNode matches = out.putArray("FaceMatches");
        ArrayNode unmatched = out.putArray("UnmatchedFaces");
        for (JsonNode f : target.get("faces")) {
            double d = f.get("distance").asDouble();
            ObjectNode face = RekognitionShapes.comparedFace(f, tw, th);
            if (d <= maxDistance) {
                matches.addObject().put("Similarity", similarity.of(d)).set("Face", face);
            } else {
                unmatched.add(face);
            }
        }
        write(exchange, 200, out);
    }

    public void indexFaces(Exchange exchange) throws Exception {
        JsonNode result = result(exchange);
        int w = result.get("width").asInt();
        int h = result.get("height").asInt();
        ObjectNode out = Mappers.json().createObjectNode();
        ArrayNode records = out.putArray("FaceRecords");
        JsonNode req = RekognitionRequest.document(exchange);
        String external = req.hasNonNull("ExternalImageId") ? req.get("ExternalImageId").asText() : null;
        String imageId = exchange.getProperty(RekognitionJobs.IMAGE_ID, String.class);
        for (JsonNode r : result.get("indexed")) {
            JsonNode f = r.get("face");
            ObjectNode face = Mappers.json().createObjectNode().put("FaceId", r.get("faceId").asText());
            face.set("BoundingBox", RekognitionShapes.boundingBox(f.get("box"), w, h));
            face.put("ImageId", imageId);
            if (external != null) {
                face.put("ExternalImageId", external);
            }
            face.put("Confidence", RekognitionShapes.confidence(f));
            ObjectNode rec = records.addObject();
            rec.set("Face", face);
            rec.set("FaceDetail", RekognitionShapes.faceDetail(f, w, h));
        }
        out.put("FaceModelVersion", RekognitionShapes.FACE_MODEL_VERSION);
        ArrayNode unindexed = out.putArray("UnindexedFaces");
        for (JsonNode u : result.get("unindexed")) {
            ObjectNode n = unindexed.addObject();
            ArrayNode reasons = n.putArray("Reasons");
            u.get("reasons").forEach(r -> reasons.add(reason(r.asText())));
            n.set("FaceDetail", RekognitionShapes.faceDetail(u.get("face"), w, h));
        }
        write(exchange, 200, out);
    }

    public void searchFacesByImage(Exchange exchange) throws Exception {
        JsonNode result = result(exchange);
        JsonNode req = RekognitionRequest.document(exchange);
        double maxDistance = similarity.maxDistance(RekognitionJobs.threshold(req, "FaceMatchThreshold"));
        JsonNode f = result.get("face");
        ObjectNode out = Mappers.json().createObjectNode();
        out.set("SearchedFaceBoundingBox", RekognitionShapes.boundingBox(f.get("box"), result.get("width").asInt(), result.get("height").asInt()));
        out.put("SearchedFaceConfidence", RekognitionShapes.confidence(f));
        ArrayNode matches = out.putArray("FaceMatches");
        String collection = RekognitionJobs.collectionId(req);
        for (JsonNode hit : result.get("hits")) {
            double d = hit.get("distance").asDouble();
            if (d <= maxDistance) {
                matches.addObject().put("Similarity", similarity.of(d)).set("Face", storedFace(collection, hit.get("faceId").asText()));
            }
        }
        out.put("FaceModelVersion", RekognitionShapes.FACE_MODEL_VERSION);
        write(exchange, 200, out);
    }

    /** A collection's face by id, with what IndexFaces recorded of it (its id alone when that is unknown here). */
    ObjectNode storedFace(String collection, String faceId) {
        IndexedFaceSource source = catalog.find(collection).flatMap(c -> c.face(faceId))
                .map(StoredFace::source).map(IndexedFaceSource::decode).orElse(null);
        return RekognitionShapes.face(faceId, source);
    }

    /** facefleet's quality reasons as Rekognition's. */
    static String reason(String ours) {
        return switch (ours) {
            case "TOO_SMALL" -> "SMALL_BOUNDING_BOX";
            case "TOO_BLURRED" -> "LOW_SHARPNESS";
            case "TOO_DARK" -> "LOW_BRIGHTNESS";
            default -> ours; // EXTREME_POSE, EXCEEDS_MAX_FACES are Rekognition's names already
        };
    }

    /** The worker's result document, or its error thrown. */
    private static JsonNode result(Exchange exchange) {
        Reply reply = exchange.getMessage().getBody(Reply.class);
        if (reply.status() != 200) {
            throw new HttpError(reply.status(), reply.error());
        }
        return reply.result();
    }

    /** Writes an answer: status, the JSON 1.1 content type, x-amzn-RequestId, Date and the body. */
    static void write(Exchange exchange, int status, ObjectNode body) throws Exception {
        Message m = exchange.getMessage();
        if (status == 200) {
            m.removeHeaders("*");
        }
        m.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        m.setHeader(Exchange.CONTENT_TYPE, CONTENT_TYPE);
        String id = exchange.getProperty(RekognitionRequest.REQUEST_ID, String.class);
        if (id != null) {
            m.setHeader("x-amzn-RequestId", id);
        }
        m.setHeader("Date", DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC)));
        m.setBody(Mappers.json().writeValueAsBytes(body));
    }
}
