package io.facefleet.rekognition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.facefleet.gallery.Catalog;
import io.facefleet.gallery.Collection;
import io.facefleet.gallery.CollectionInfo;
import io.facefleet.gallery.Hit;
import io.facefleet.gallery.Page;
import io.facefleet.gallery.StoredFace;
import io.facefleet.json.Mappers;
import io.facefleet.recognition.IndexedFaceSource;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.apache.camel.Exchange;

/**
 * The Rekognition operations on collections that need no face engine, answered on the web tier
 * over the {@link Catalog}: Create, Describe, List and Delete Collection, ListFaces, DeleteFaces,
 * SearchFaces (on the aws profile the catalogue is the one shared through S3).
 */
public final class RekognitionCollections {

    private final Catalog catalog;
    private final RekognitionAnswer answer;
    private final Similarity similarity;
    private final String region;
    private final int pageDefault;
    private final int kMax;

    /**
     * @param region the region in CollectionArn
     * @param pageDefault ListCollections' and ListFaces' page size when MaxResults is not given
     * @param kMax the most matches SearchFaces returns
     */
    public RekognitionCollections(Catalog catalog, RekognitionAnswer answer, Similarity similarity, String region, int pageDefault, int kMax) {
        this.catalog = catalog;
        this.answer = answer;
        this.similarity = similarity;
        this.region = region;
        this.pageDefault = pageDefault;
        this.kMax = kMax;
    }

    public void createCollection(Exchange exchange) throws Exception {
        String id = RekognitionJobs.collectionId(RekognitionRequest.document(exchange));
        catalog.create(id);
        RekognitionAnswer.write(exchange, 200, Mappers.json().createObjectNode().put("StatusCode", 200)
                .put("CollectionArn", arn(id)).put("FaceModelVersion", RekognitionShapes.FACE_MODEL_VERSION));
    }

    public void describeCollection(Exchange exchange) throws Exception {
        String id = RekognitionJobs.collectionId(RekognitionRequest.document(exchange));
        CollectionInfo info = catalog.describe(id);
        RekognitionAnswer.write(exchange, 200, Mappers.json().createObjectNode().put("FaceCount", info.faces())
                .put("FaceModelVersion", RekognitionShapes.FACE_MODEL_VERSION).put("CollectionARN", arn(id))
                .put("CreationTimestamp", info.createdAtMillis() / 1000.0).put("UserCount", 0));
    }

    /** Collection ids in name order; NextToken is the offset of the next page. */
    public void listCollections(Exchange exchange) throws Exception {
        JsonNode req = RekognitionRequest.document(exchange);
        int limit = maxResults(req);
        int from = offset(req.hasNonNull("NextToken") ? req.get("NextToken").asText() : null);
        List<CollectionInfo> all = catalog.list();
        ObjectNode out = Mappers.json().createObjectNode();
        ArrayNode ids = out.putArray("CollectionIds");
        ArrayNode versions = out.putArray("FaceModelVersions");
        for (int i = from; i < Math.min(all.size(), from + limit); i++) {
            ids.add(all.get(i).name());
            versions.add(RekognitionShapes.FACE_MODEL_VERSION);
        }
        if (from + limit < all.size()) {
            out.put("NextToken", token(from + limit));
        }
        RekognitionAnswer.write(exchange, 200, out);
    }

    public void deleteCollection(Exchange exchange) throws Exception {
        catalog.delete(RekognitionJobs.collectionId(RekognitionRequest.document(exchange)));
        RekognitionAnswer.write(exchange, 200, Mappers.json().createObjectNode().put("StatusCode", 200));
    }

    /** A page of faces in enrolment order; NextToken is the gallery's own page token. */
    public void listFaces(Exchange exchange) throws Exception {
        JsonNode req = RekognitionRequest.document(exchange);
        Collection c = catalog.collection(RekognitionJobs.collectionId(req));
        String token = req.hasNonNull("NextToken") ? req.get("NextToken").asText() : null;
        Page<StoredFace> page;
        try {
            page = c.faces(token, maxResults(req), null);
        } catch (IllegalArgumentException e) {
            throw new AwsError(400, "InvalidPaginationTokenException", "Invalid token");
        }
        ObjectNode out = Mappers.json().createObjectNode();
        ArrayNode faces = out.putArray("Faces");
        for (StoredFace f : page.items()) {
            faces.add(RekognitionShapes.face(f.id(), IndexedFaceSource.decode(f.source())));
        }
        if (page.next() != null) {
            out.put("NextToken", page.next());
        }
        out.put("FaceModelVersion", RekognitionShapes.FACE_MODEL_VERSION);
        RekognitionAnswer.write(exchange, 200, out);
    }

    public void deleteFaces(Exchange exchange) throws Exception {
        JsonNode req = RekognitionRequest.document(exchange);
        Collection c = catalog.collection(RekognitionJobs.collectionId(req));
        JsonNode ids = req.get("FaceIds");
        if (ids == null || !ids.isArray() || ids.isEmpty() || ids.size() > 4096) {
            throw AwsError.invalidParameter("FaceIds is a list of 1 to 4096 face ids");
        }
        ObjectNode out = Mappers.json().createObjectNode();
        ArrayNode deleted = out.putArray("DeletedFaces");
        ArrayNode failed = out.putArray("UnsuccessfulFaceDeletions");
        for (JsonNode id : ids) {
            if (c.deleteFace(id.asText())) {
                deleted.add(id.asText());
            } else {
                failed.addObject().put("FaceId", id.asText()).putArray("Reasons").add("FACE_NOT_FOUND");
            }
        }
        RekognitionAnswer.write(exchange, 200, out);
    }

    /** The collection's faces most like one of its faces (itself left out), at least FaceMatchThreshold similar. */
    public void searchFaces(Exchange exchange) throws Exception {
        JsonNode req = RekognitionRequest.document(exchange);
        String collection = RekognitionJobs.collectionId(req);
        Collection c = catalog.collection(collection);
        String faceId = req.path("FaceId").asText("");
        if (faceId.isEmpty()) {
            throw AwsError.invalidParameter("FaceId is required");
        }
        double maxDistance = similarity.maxDistance(RekognitionJobs.threshold(req, "FaceMatchThreshold"));
        List<Hit> hits = c.similar(faceId, RekognitionJobs.maxFaces(req, kMax)).orElseThrow(() ->
                new AwsError(400, "ResourceNotFoundException", "face " + faceId + " is not in collection " + collection));
        ObjectNode out = Mappers.json().createObjectNode().put("SearchedFaceId", faceId);
        ArrayNode matches = out.putArray("FaceMatches");
        for (Hit h : hits) {
            if (h.distance() <= maxDistance) {
                matches.addObject().put("Similarity", similarity.of(h.distance())).set("Face", answer.storedFace(collection, h.faceId()));
            }
        }
        out.put("FaceModelVersion", RekognitionShapes.FACE_MODEL_VERSION);
        RekognitionAnswer.write(exchange, 200, out);
    }


    /** Rekognition's ARN shape (no "arn:" prefix, as AWS's own examples answer), account 000000000000. */
    private String arn(String id) {
        return "aws:rekognition:" + region + ":000000000000:collection/" + id;
    }

    private int maxResults(JsonNode req) {
        JsonNode m = req.get("MaxResults");
        if (m == null || m.isNull()) {
            return pageDefault;
        }
        if (!m.canConvertToInt() || m.asInt() < 0 || m.asInt() > 4096) {
            throw AwsError.invalidParameter("MaxResults is from 0 to 4096");
        }
        return Math.max(1, m.asInt());
    }

    private static String token(int offset) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("c:" + offset).getBytes(StandardCharsets.UTF_8));
    }

    private static int offset(String token) {
        if (token == null || token.isEmpty()) {
            return 0;
        }
        try {
            String t = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (t.startsWith("c:")) {
                int n = Integer.parseInt(t.substring(2));
                if (n >= 0) {
                    return n;
                }
            }
        } catch (IllegalArgumentException e) {
            // refused below
        }
        throw new AwsError(400, "InvalidPaginationTokenException", "Invalid token");
    }
}
