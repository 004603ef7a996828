package io.facefleet.worker;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.facefleet.engine.Attribute;
import io.facefleet.engine.Face;
import io.facefleet.json.Mappers;
import io.facefleet.messaging.Job;
import io.facefleet.recognition.FaceService;
import io.facefleet.recognition.Json;
import java.util.List;
import java.util.Set;

/**
 * {@code analyze}: every face, largest first, with box, score, 68 landmarks, quality and the
 * attributes the job asks for, and the image's upright width and height (what protocols that give
 * boxes as fractions need); no names.
 */
@OperationHandler.Handles("analyze")
public final class AnalyzeHandler implements OperationHandler {

    private final FaceService service;

    public AnalyzeHandler(Needs needs) {
        this.service = needs.service();
    }

    @Override
    public Handled handle(Job job, List<byte[]> images) {
        return new Handled(analysis(service, images.get(0), Attribute.parse(job.attributes())), null, null);
    }

    /** {@code {"width":w, "height":h, "faces":[face...]}}, largest face first. */
    static ObjectNode analysis(FaceService service, byte[] image, Set<Attribute> attributes) {
        ObjectNode result = Mappers.json().createObjectNode();
        int[] size = service.uprightSize(image);
        result.put("width", size[0]).put("height", size[1]);
        ArrayNode faces = result.putArray("faces");
        for (Face f : FaceService.largestFirst(service.analyze(image, attributes))) {
            faces.add(Json.face(f, false));
        }
        return result;
    }
}
