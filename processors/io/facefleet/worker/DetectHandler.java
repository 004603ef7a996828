package io.facefleet.worker;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.facefleet.engine.Attribute;
import io.facefleet.engine.Detection;
import io.facefleet.json.Mappers;
import io.facefleet.messaging.Job;
import io.facefleet.recognition.FaceService;
import io.facefleet.recognition.Json;
import java.util.List;
import java.util.Set;

/**
 * {@code detect}: every face's box and score; no names. Asked for attributes, it analyses the faces
 * (their landmarks place the attribute nets' crop) and adds each face's attributes.
 */
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
        Set<Attribute> asked = Attribute.parse(job.attributes());
        if (asked.isEmpty()) {
            for (Detection d : service.detect(images.get(0))) {
                faces.add(Json.detection(d));
            }
        } else {
            service.analyze(images.get(0), asked).forEach(f -> faces.add(Json.detected(f)));
        }
        return new Handled(result, null, null);
    }
}
