package io.facefleet.worker;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.facefleet.json.Mappers;
import io.facefleet.messaging.Job;
import io.facefleet.recognition.FaceService;
import java.util.List;

/** {@code enroll}: the image's one face becomes an example of the job's subject in the job's collection (refused otherwise). */
@OperationHandler.Handles("enroll")
public final class EnrollHandler implements OperationHandler {

    private final FaceService service;

    public EnrollHandler(Needs needs) {
        this.service = needs.service();
    }

    @Override
    public Handled handle(Job job, List<byte[]> images) {
        var example = service.enroll(job.collection(), job.subject(), images.get(0), job.seedName() != null ? job.seedName() : job.imageKey());
        ObjectNode result = Mappers.json().createObjectNode().put("subject", job.subject()).put("exampleId", example.id());
        return new Handled(result, job.subject(), null);
    }
}
