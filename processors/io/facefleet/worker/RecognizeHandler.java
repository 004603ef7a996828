package io.facefleet.worker;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.facefleet.engine.Attribute;
import io.facefleet.json.Mappers;
import io.facefleet.messaging.Job;
import io.facefleet.recognition.FaceService;
import io.facefleet.recognition.Json;
import java.util.List;

/**
 * {@code recognize}: every face, named from the job's collection (null: the default one), with the
 * attributes the job asks for; the seed's answer is the largest face's label.
 */
@OperationHandler.Handles("recognize")
public final class RecognizeHandler implements OperationHandler {

    private final FaceService service;
    private final String unknownLabel;

    public RecognizeHandler(Needs needs) {
        this.service = needs.service();
        this.unknownLabel = needs.unknownLabel();
    }

    @Override
    public Handled handle(Job job, List<byte[]> images) {
        ObjectNode result = Mappers.json().createObjectNode();
        ArrayNode faces = result.putArray("faces");
        List<FaceService.IdentifiedFace> found = service.identify(job.collection(), images.get(0), Attribute.parse(job.attributes()));
        for (FaceService.IdentifiedFace f : found) {
            faces.add(Json.identified(f, unknownLabel));
        }
        // the seed answers one label per image: the largest face's
        String label = found.isEmpty() ? unknownLabel : found.get(0).match().labelOr(unknownLabel);
        result.put("label", label);
        return new Handled(result, label, job.seedName() != null ? label : null);
    }
}
