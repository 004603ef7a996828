package io.facefleet.boot;

import io.facefleet.engine.FaceEngine;
import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/** Readiness of a host that runs workers: ready once the face engine's nets are loaded. */
final class EngineReadiness extends AbstractHealthCheck {

    private final FaceEngine engine;

    EngineReadiness(FaceEngine engine) {
        super("facefleet", "face-engine");
        this.engine = engine;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        if (engine.detector() != null && engine.recognitionNet() != null) {
            builder.detail("models", engine.config().models().describe()).up();
        } else {
            builder.message("face engine not loaded").down();
        }
    }
}
