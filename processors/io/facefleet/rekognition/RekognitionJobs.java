package io.facefleet.rekognition;

import com.fasterxml.jackson.databind.JsonNode;
import io.facefleet.gallery.Gallery;
import io.facefleet.messaging.Job;
import io.facefleet.storage.StorageKeys;
import io.facefleet.web.JobSubmitter;
import io.facefleet.web.RequestImage;
import io.facefleet.web.Upload;
import io.facefleet.worker.IndexHandler;
import io.facefleet.worker.SearchHandler;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;

/**
 * The worker jobs of the Rekognition operations that need the face engine: their images read
 * and checked ({@link AwsImage}), their parameters checked, and the job put on the exchange for
 * {@code direct:submit-and-await} (which stores the images and queues the job), as the JSON
 * API's submitters do. Nothing is stored for a request refused here.
 */
public final class RekognitionJobs {

    /** Rekognition's CollectionId pattern. */
    static final Pattern COLLECTION_ID = Pattern.compile("[a-zA-Z0-9_.\\-]{1,255}");
    private static final Pattern EXTERNAL_IMAGE_ID = Pattern.compile("[a-zA-Z0-9_.\\-:]{1,255}");
    /** Exchange property: the IndexFaces call's ImageId. */
    static final String IMAGE_ID = "rekognitionImageId";

    private final AwsImage images;
    private final String replyTo;
    private final int maxFaces;
    private final String allAttributes;

    /**
     * @param maxFaces the most faces SearchFacesByImage and SearchFaces return (facefleet.gallery.k.max)
     * @param allAttributes what {@code Attributes: ["ALL"]} asks the workers for: the attributes
     *     this service offers (facefleet.attributes.allowed), as the canonical list; null: none
     */
    public RekognitionJobs(AwsImage images, String replyTo, int maxFaces, String allAttributes) {
        this.images = images;
        this.replyTo = replyTo;
        this.maxFaces = maxFaces;
        this.allAttributes = allAttributes;
    }

    /** DetectFaces: every face of Image. */
    public void detectFaces(Exchange exchange) throws Exception {
        JsonNode req = RekognitionRequest.document(exchange);
        JsonNode attributes = req.get("Attributes");
        if (attributes != null && !attributes.isArray()) {
            throw AwsError.invalidParameter("Attributes is a list such as [\"DEFAULT\"] or [\"ALL\"]");
        }
        submit(exchange, "analyze", images.read(req, "Image"), null, Map.of(), null, asksForAll(req) ? allAttributes : null);
    }

    /** Whether a DetectFaces request's Attributes name ALL (DEFAULT, or none, asks for no attributes). */
    static boolean asksForAll(JsonNode req) {
        for (JsonNode a : req.path("Attributes")) {
            if ("ALL".equals(a.asText())) {
                return true;
            }
        }
        return false;
    }

    /** CompareFaces: the largest face of SourceImage against every face of TargetImage. */
    public void compareFaces(Exchange exchange) throws Exception {
        JsonNode req = RekognitionRequest.document(exchange);
        threshold(req, "SimilarityThreshold");
        Upload source = images.read(req, "SourceImage");
        Upload target = images.read(req, "TargetImage");
        String requestId = StorageKeys.newRequestId();
        String firstKey = StorageKeys.image(requestId, source.extension());
        String secondKey = StorageKeys.secondImage(requestId, target.extension());
        Job job = new Job(requestId, firstKey, new Job.Operation("compare"), null, secondKey, replyTo, System.currentTimeMillis(), 1, null);
        JobSubmitter.submit(exchange, job, List.of(new RequestImage(firstKey, source.bytes()), new RequestImage(secondKey, target.bytes())));
    }

    /**
     * IndexFaces: the image's faces enrolled into the collection, under the ExternalImageId as
     * subject (':' written as %3A, which subject names refuse), or under the call's ImageId.
     */
    public void indexFaces(Exchange exchange) throws Exception {
        JsonNode req = RekognitionRequest.document(exchange);
        String collection = collectionId(req);
        Map<String, String> options = new HashMap<>();
        String external = req.hasNonNull("ExternalImageId") ? req.get("ExternalImageId").asText() : null;
        if (external != null && !EXTERNAL_IMAGE_ID.matcher(external).matches()) {
            throw AwsError.invalidParameter("ExternalImageId is 1 to 255 of a-z A-Z 0-9 _ . - :");
        }
        if (req.has("MaxFaces")) {
            JsonNode mf = req.get("MaxFaces");
            if (!mf.canConvertToInt() || mf.asInt() < 1) {
                throw AwsError.invalidParameter("MaxFaces is at least 1");
            }
            options.put(IndexHandler.MAX_FACES, Integer.toString(mf.asInt()));
        }
        options.put(IndexHandler.QUALITY, qualityFilter(req, "AUTO"));
        String imageId = UUID.randomUUID().toString();
        options.put(IndexHandler.IMAGE_ID, imageId);
        if (external != null) {
            options.put(IndexHandler.EXTERNAL_IMAGE_ID, external);
        }
        exchange.setProperty(IMAGE_ID, imageId);
        String subject = external == null ? imageId : external.replace("%", "%25").replace(":", "%3A");
        Gallery.validateName(subject);
        Upload upload = images.read(req, "Image");
        submit(exchange, "index", upload, collection, options, subject, null);
    }

    /** SearchFacesByImage: the largest face of Image against the collection. */
    public void searchFacesByImage(Exchange exchange) throws Exception {
        JsonNode req = RekognitionRequest.document(exchange);
        String collection = collectionId(req);
        threshold(req, "FaceMatchThreshold");
        qualityFilter(req, "NONE");
        int k = maxFaces(req, maxFaces);
        submit(exchange, "search", images.read(req, "Image"), collection, Map.of(SearchHandler.K, Integer.toString(k)));
    }

    private void submit(Exchange exchange, String operation, Upload upload, String collection, Map<String, String> options) throws Exception {
        submit(exchange, operation, upload, collection, options, null, null);
    }

    private void submit(Exchange exchange, String operation, Upload upload, String collection, Map<String, String> options,
                        String subject, String attributes) throws Exception {
        String requestId = StorageKeys.newRequestId();
        String key = StorageKeys.image(requestId, upload.extension());
        Job job = new Job(requestId, key, new Job.Operation(operation), subject, null, replyTo, System.currentTimeMillis(), 1,
                null, collection, attributes, options.isEmpty() ? null : Map.copyOf(options));
        JobSubmitter.submit(exchange, job, List.of(new RequestImage(key, upload.bytes())));
    }

    /** The request's CollectionId, checked against Rekognition's pattern. */
    static String collectionId(JsonNode req) {
        JsonNode id = req.get("CollectionId");
        if (id == null || !id.isTextual() || !COLLECTION_ID.matcher(id.asText()).matches()) {
            throw AwsError.invalidParameter("CollectionId is required: 1 to 255 of a-z A-Z 0-9 _ . -");
        }
        return id.asText();
    }

    /** A 0..100 threshold member (default 80). */
    static double threshold(JsonNode req, String member) {
        JsonNode t = req.get(member);
        if (t == null || t.isNull()) {
            return Similarity.AT_THRESHOLD;
        }
        if (!t.isNumber() || t.asDouble() < 0 || t.asDouble() > 100) {
            throw AwsError.invalidParameter(member + " is a number from 0 to 100");
        }
        return t.asDouble();
    }

    /** MaxFaces of a search, 1..{@code max} (default {@code max}). */
    static int maxFaces(JsonNode req, int max) {
        JsonNode m = req.get("MaxFaces");
        if (m == null || m.isNull()) {
            return max;
        }
        if (!m.canConvertToInt() || m.asInt() < 1 || m.asInt() > 4096) {
            throw AwsError.invalidParameter("MaxFaces is from 1 to 4096");
        }
        return Math.min(m.asInt(), max);
    }

    private static String qualityFilter(JsonNode req, String dflt) {
        String q = req.hasNonNull("QualityFilter") ? req.get("QualityFilter").asText() : dflt;
        if (!List.of("NONE", "AUTO", "LOW", "MEDIUM", "HIGH").contains(q)) {
            throw AwsError.invalidParameter("QualityFilter is NONE, AUTO, LOW, MEDIUM or HIGH");
        }
        return q;
    }
}
