package io.facefleet.worker;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.facefleet.engine.Face;
import io.facefleet.gallery.Example;
import io.facefleet.gallery.Gallery;
import io.facefleet.json.Mappers;
import io.facefleet.messaging.Job;
import io.facefleet.recognition.FaceService;
import io.facefleet.recognition.IndexedFaceSource;
import io.facefleet.recognition.Json;
import io.facefleet.recognition.QualityBounds;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code index}: every face of the image (largest first) enrolled into the job's collection as a
 * face of its own, under the subject the job names, each with an {@link IndexedFaceSource}
 * (box, score, image id, the caller's image name) so that a listing can show them again. Options:
 * {@code quality} NONE (enrol every face) or anything else (faces below the quality bounds are
 * left out, with the reasons), {@code maxFaces} (the smaller faces past it are left out),
 * {@code imageId}, {@code externalImageId}. No face at all enrols nothing.
 */
@OperationHandler.Handles("index")
public final class IndexHandler implements OperationHandler {

    public static final String MAX_FACES = "maxFaces";
    public static final String QUALITY = "quality";
    public static final String IMAGE_ID = "imageId";
    public static final String EXTERNAL_IMAGE_ID = "externalImageId";

    private final FaceService service;

    public IndexHandler(Needs needs) {
        this.service = needs.service();
    }

    @Override
    public Handled handle(Job job, List<byte[]> images) {
        Gallery gallery = service.gallery().in(job.collection());
        byte[] image = images.get(0);
        int[] size = service.uprightSize(image);
        int maxFaces = job.option(MAX_FACES) == null ? Integer.MAX_VALUE : Integer.parseInt(job.option(MAX_FACES));
        boolean judge = !"NONE".equals(job.option(QUALITY));
        ObjectNode result = Mappers.json().createObjectNode();
        result.put("width", size[0]).put("height", size[1]);
        ArrayNode indexed = result.putArray("indexed");
        ArrayNode unindexed = result.putArray("unindexed");
        List<Face> passed = new ArrayList<>();
        for (Face f : FaceService.largestFirst(service.analyze(image))) {
            List<QualityBounds.Reason> low = judge ? service.bounds().failed(f.quality()) : List.of();
            if (!low.isEmpty()) {
                ObjectNode u = unindexed.addObject();
                ArrayNode reasons = u.putArray("reasons");
                low.forEach(r -> reasons.add(r.name()));
                u.set("face", Json.face(f, false));
            } else if (passed.size() >= maxFaces) {
                ObjectNode u = unindexed.addObject();
                u.putArray("reasons").add("EXCEEDS_MAX_FACES");
                u.set("face", Json.face(f, false));
            } else {
                passed.add(f);
            }
        }
        List<float[]> kept = service.enrolmentDescriptors(image, passed);
        for (int i = 0; i < passed.size(); i++) {
            Face f = passed.get(i);
            IndexedFaceSource source = new IndexedFaceSource(new double[] {
                f.detection().x() / size[0], f.detection().y() / size[1], f.detection().width() / size[0], f.detection().height() / size[1]},
                    f.detection().score(), job.option(IMAGE_ID), job.option(EXTERNAL_IMAGE_ID));
            Example e = gallery.enroll(job.subject(), kept.get(i), source.encode(), null);
            ObjectNode n = indexed.addObject().put("faceId", e.id());
            n.set("face", Json.face(f, false));
        }
        return new Handled(result, null, null);
    }
}
