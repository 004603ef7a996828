package io.facefleet.worker;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.facefleet.engine.Face;
import io.facefleet.gallery.Gallery;
import io.facefleet.json.Mappers;
import io.facefleet.messaging.Job;
import io.facefleet.messaging.HttpError;
import io.facefleet.recognition.FaceService;
import io.facefleet.recognition.Json;
import java.util.List;

/**
 * {@code compare}: the largest face of the first image against every face of the second, each
 * with its descriptor distance; a first image without a face is refused (400, as the client can fix it).
 */
@OperationHandler.Handles("compare")
public final class CompareHandler implements OperationHandler {

    private final FaceService service;

    public CompareHandler(Needs needs) {
        this.service = needs.service();
    }

    @Override
    public int images() {
        return 2;
    }

    @Override
    public Handled handle(Job job, List<byte[]> images) {
        List<Face> sources = FaceService.largestFirst(service.analyze(images.get(0)));
        if (sources.isEmpty()) {
            throw new HttpError(400, "no face found in the source image");
        }
        Face source = sources.get(0);
        ObjectNode result = Mappers.json().createObjectNode();
        ObjectNode src = result.putObject("source");
        int[] size = service.uprightSize(images.get(0));
        src.put("width", size[0]).put("height", size[1]).set("face", Json.face(source, false));
        ObjectNode target = result.putObject("target");
        size = service.uprightSize(images.get(1));
        target.put("width", size[0]).put("height", size[1]);
        ArrayNode faces = target.putArray("faces");
        for (Face f : FaceService.largestFirst(service.analyze(images.get(1)))) {
            faces.add(Json.face(f, false).put("distance", Gallery.distance(source.descriptor(), f.descriptor())));
        }
        return new Handled(result, null, null);
    }
}
