package io.facefleet.worker;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.facefleet.engine.Face;
import io.facefleet.gallery.Gallery;
import io.facefleet.gallery.Hit;
import io.facefleet.json.Mappers;
import io.facefleet.messaging.Job;
import io.facefleet.messaging.HttpError;
import io.facefleet.recognition.FaceService;
import io.facefleet.recognition.Json;
import java.util.List;

/**
 * {@code search}: the image's largest face against the job's collection: its k nearest enrolled
 * faces (option {@code k}) with their distances, nearest first. An image without a face is
 * refused (400, as the client can fix it); an unknown collection answers 404.
 */
@OperationHandler.Handles("search")
public final class SearchHandler implements OperationHandler {

    /** Option: how many nearest faces to return. */
    public static final String K = "k";

    private final FaceService service;

    public SearchHandler(Needs needs) {
        this.service = needs.service();
    }

    @Override
    public Handled handle(Job job, List<byte[]> images) {
        Gallery gallery = service.gallery().in(job.collection());
        int k = Integer.parseInt(job.option(K) == null ? "1" : job.option(K));
        List<Face> faces = FaceService.largestFirst(service.analyze(images.get(0)));
        if (faces.isEmpty()) {
            throw new HttpError(400, "no face found in the image");
        }
        Face face = faces.get(0);
        ObjectNode result = Mappers.json().createObjectNode();
        int[] size = service.uprightSize(images.get(0));
        result.put("width", size[0]).put("height", size[1]);
        result.set("face", Json.face(face, false));
        ArrayNode hits = result.putArray("hits");
        for (Hit h : gallery.nearest(face.descriptor(), k)) {
            hits.addObject().put("faceId", h.faceId()).put("subject", h.subject()).put("distance", h.distance());
        }
        return new Handled(result, null, null);
    }
}
