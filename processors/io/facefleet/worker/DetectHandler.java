package io.facefleet.worker;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.facefleet.engine.Detection;
import io.facefleet.json.Mappers;
import io.facefleet.messaging.Job;
import io.facefleet.recognition.FaceService;
import io.facefleet.recognition.Json;
import java.util.List;

/** {@code detect}: every face's box, score and landmarks; no names. */
@OperationHandler.Handles("detect")
public final class DetectHandler implements OperationHandler {

    private final FaceService service;

    public DetectHandler(Needs needs) {
        this.service = needs.service();
    }

    @Override
    public Handled handle(Job job, List<byte[]> images) {
        ObjectNode result = Mappers.json().createObjectNode();
        ArrayNode faces = result.putArray("faces");
        for (Detection d : service.detect(images.get(0))) {
            faces.add(Json.detection(d));
        }
        return new Handled(result, null, null);
    }
}
