package io.facefleet.worker;

import io.facefleet.messaging.Job;
import io.facefleet.recognition.FaceService;
import io.facefleet.recognition.Json;
import java.util.List;

/** {@code verify}: whether the largest faces of the job's two images are one person. */
@OperationHandler.Handles("verify")
public final class VerifyHandler implements OperationHandler {

    private final FaceService service;

    public VerifyHandler(Needs needs) {
        this.service = needs.service();
    }

    @Override
    public int images() {
        return 2;
    }

    @Override
    public Handled handle(Job job, List<byte[]> images) {
        return new Handled(Json.verification(service.verify(images.get(0), images.get(1))), null, null);
    }
}
