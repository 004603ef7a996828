package io.facefleet.boot;

import io.facefleet.engine.EngineConfig;
import io.facefleet.engine.FaceEngine;
import io.facefleet.engine.image.ImageDecoder;
import io.facefleet.engine.nets.SsdMobilenetV1;
import io.facefleet.engine.weights.ModelFiles;
import io.facefleet.recognition.AnalysisCache;
import io.facefleet.recognition.FaceService;
import io.facefleet.worker.HandlerDispatch;
import io.facefleet.worker.OperationHandler;
import io.facefleet.worker.JobFailure;
import io.facefleet.worker.JobImages;
import io.facefleet.worker.JobRunner;
import org.apache.camel.main.Main;

/**
 * The app tier ({@code routes/app-tier.camel.yaml}): the face engine and the job runner its
 * workers call; on a worker host also the one worker route ({@code routes/app-workers.camel.yaml}),
 * while a host whose scaling tier runs the local fleet adds worker routes itself.
 */
final class AppTier {

    final FaceEngine engine;
    final AnalysisCache cache;
    final JobRunner runner;

    private AppTier(FaceEngine engine, AnalysisCache cache, JobRunner runner) {
        this.engine = engine;
        this.cache = cache;
        this.runner = runner;
    }

    /** Loads the engine, binds the beans its routes name and adds its route files. */
    static AppTier add(Startup start, Backends backends, ImageDecoder decoder) {
        Settings s = start.settings;
        Main main = start.main;
        FaceEngine engine = FaceEngine.load(new EngineConfig(ModelFiles.from(s.get("facefleet.model.dir")),
                s.get("facefleet.engine.device"), s.getFloat("facefleet.engine.min-confidence"),
                s.getInt("facefleet.engine.max-results"), s.getInt("facefleet.engine.small-image-side"),
                s.getInt("facefleet.engine.max-batch"), s.getLong("facefleet.engine.batch-wait-ms"),
                s.getInt("facefleet.engine.tiny-face-height"), s.getInt("facefleet.engine.detector-window-margin"),
                SsdMobilenetV1.WindowPadding.parse(s.get("facefleet.engine.detector-window-padding")),
                s.getLong("facefleet.engine.detector-context-bytes"), s.getBoolean("facefleet.engine.tiny-face-enrolment-mean")));
        AnalysisCache cache = new AnalysisCache(s.getInt("facefleet.engine.cache-entries"));
        JobRunner runner = new JobRunner();
        main.bind("jobRunner", runner);
        HandlerDispatch handlers = HandlerDispatch.discover(new OperationHandler.Needs(
                new FaceService(decoder, engine, backends.gallery, cache, QualitySettings.bounds(s)), s.get("facefleet.unknown-label")));
        main.bind("jobHandlers", handlers);
        main.bind("jobImages", new JobImages(handlers));
        main.bind("jobFailure", new JobFailure());
        start.addRoutes("app-tier");
        boolean workersHere = start.runs("scaling") && s.get("facefleet.fleet").equals("local");
        if (!workersHere) {
            // a worker host: one worker route, whose consumer sets the concurrency
            start.addRoutes("app-workers");
        }
        return new AppTier(engine, cache, runner);
    }
}
