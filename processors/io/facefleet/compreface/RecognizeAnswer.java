package io.facefleet.compreface;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.facefleet.json.Mappers;
import io.facefleet.messaging.Reply;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * CompreFace's recognize answer from the worker's {@code recognize} result:
 * {@code {"result":[{"box":{probability,x_max,y_max,x_min,y_min}, "subjects":[{similarity,subject}],
 * landmarks?, pose?, execution_time?}], "plugins_versions":{...}}}, largest face first. Boxes are
 * whole pixels; probability is the detector score. A face the gallery does not name gets an empty
 * {@code subjects}. No face left after det_prob_threshold and limit: CompreFace's 400 code 28.
 */
public final class RecognizeAnswer implements Processor {

    private final CompreFaceSimilarity similarity;

    public RecognizeAnswer(CompreFaceSimilarity similarity) {
        this.similarity = similarity;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Reply reply = exchange.getMessage().getBody(Reply.class);
        if (reply.status() != 200) {
            throw ReplyFailure.of(reply);
        }
        RecognizeOptions options = exchange.getProperty(RecognizeOptions.PROPERTY, RecognizeOptions.class);
        ObjectNode answer = answer(reply.result(), options, reply.workMillis());
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getMessage().setBody(Mappers.json().writeValueAsString(answer));
    }

    /** The answer document of a worker result (faces largest first, as the worker sends them). */
    ObjectNode answer(JsonNode result, RecognizeOptions options, long workMillis) {
        ObjectNode answer = Mappers.json().createObjectNode();
        ArrayNode faces = answer.putArray("result");
        for (JsonNode face : result.path("faces")) {
            if (options.limit() > 0 && faces.size() >= options.limit()) {
                break;
            }
            double score = face.path("score").asDouble();
            if (options.detProbThreshold() != null && score < options.detProbThreshold()) {
                continue;
            }
            faces.add(face(face, score, options, workMillis));
        }
        if (faces.isEmpty()) {
            throw CompreFaceError.noFaces();
        }
        ObjectNode versions = answer.putObject("plugins_versions");
        versions.put("detector", "facefleet.SsdMobilenetV1");
        versions.put("calculator", "facefleet.FaceRecognitionNet");
        if (options.plugins().contains(RecognizeOptions.LANDMARKS)) {
            versions.put("landmarks", "facefleet.FaceLandmark68Net");
        }
        if (options.plugins().contains(RecognizeOptions.POSE)) {
            versions.put("pose", "facefleet.HeadPose");
        }
        return answer;
    }

    private ObjectNode face(JsonNode face, double score, RecognizeOptions options, long workMillis) {
        ObjectNode out = Mappers.json().createObjectNode();
        JsonNode b = face.path("box");
        double x = b.path(0).asDouble();
        double y = b.path(1).asDouble();
        out.putObject("box")
                .put("probability", Math.round(score * 100000.0) / 100000.0)
                .put("x_max", (int) Math.round(x + b.path(2).asDouble()))
                .put("y_max", (int) Math.round(y + b.path(3).asDouble()))
                .put("x_min", (int) Math.max(0, Math.round(x)))
                .put("y_min", (int) Math.max(0, Math.round(y)));
        ArrayNode subjects = out.putArray("subjects");
        if (face.path("known").asBoolean(false) && face.path("distance").isNumber()) {
            // the worker names the nearest subject only, so prediction_count > 1 still gives one
            subjects.addObject().put("similarity", similarity.of(face.path("distance").asDouble()))
                    .put("subject", face.path("subject").asText());
        }
        if (options.plugins().contains(RecognizeOptions.LANDMARKS)) {
            out.set("landmarks", FivePoints.of(face.path("landmarks")));
        }
        JsonNode quality = face.path("quality");
        if (options.plugins().contains(RecognizeOptions.POSE) && quality.isObject()) {
            out.putObject("pose").put("pitch", quality.path("pitch").asDouble()).put("roll", quality.path("roll").asDouble())
                    .put("yaw", quality.path("yaw").asDouble());
        }
        if (options.status()) {
            // the worker runs detector, landmarks and descriptor as one step: its time is given as the detector's
            out.putObject("execution_time").put("detector", (double) workMillis);
        }
        return out;
    }
}
