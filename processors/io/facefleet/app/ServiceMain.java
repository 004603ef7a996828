package io.facefleet.app;

import io.facefleet.engine.EngineConfig;
import io.facefleet.engine.FaceEngine;
import io.facefleet.engine.image.ImageDecoder;
import io.facefleet.engine.image.ImageLimits;
import io.facefleet.engine.weights.ModelFiles;
import io.facefleet.gallery.Gallery;
import io.facefleet.messaging.ReplyAwaiter;
import io.facefleet.messaging.ReplyReceiver;
import io.facefleet.recognition.AnalysisCache;
import io.facefleet.recognition.FaceService;
import io.facefleet.scaling.LocalWorkerFleet;
import io.facefleet.scaling.ScalingPolicy;
import io.facefleet.storage.LocalDiskStore;
import io.facefleet.web.ApiAnswer;
import io.facefleet.web.ApiKeyCheck;
import io.facefleet.web.AsyncHttpEngine;
import io.facefleet.web.BatchStatus;
import io.facefleet.web.BatchSubmitter;
import io.facefleet.web.ErrorAnswer;
import io.facefleet.web.JobSubmitter;
import io.facefleet.web.SeedAnswer;
import io.facefleet.web.ServiceStats;
import io.facefleet.web.SubjectsApi;
import io.facefleet.web.UploadReader;
import io.facefleet.web.VerifySubmitter;
import io.facefleet.worker.JobRunner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.camel.main.Main;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the service from its settings: the beans each configured tier needs, and Camel Main
 * loading one route file per tier ({@code facefleet.tiers=web,app,scaling}).
 */
public final class ServiceMain {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceMain.class);

    private ServiceMain() {
    }

    public static void run(String[] args) throws Exception {
        Main main = create(Settings.load(args));
        main.run();
    }

    /** A configured, not yet started Camel Main (tests start and stop it themselves). */
    public static Main create(Settings s) {
        Set<String> tiers = new LinkedHashSet<>();
        for (String t : s.get("facefleet.tiers").split(",")) {
            if (!t.isBlank()) {
                tiers.add(t.strip());
            }
        }
        if (!Set.of("web", "app", "scaling").containsAll(tiers) || tiers.isEmpty()) {
            throw new IllegalArgumentException("facefleet.tiers lists web, app and/or scaling; got " + tiers);
        }
        System.setProperty("ai.djl.pytorch.num_threads", s.get("facefleet.engine.intra-op-threads"));
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        Main main = new Main();
        Path dataDir = Path.of(s.get("facefleet.data-dir"));
        LocalDiskStore store = new LocalDiskStore(dataDir);
        Gallery gallery = Gallery.open(dataDir, s.getFloat("facefleet.gallery.threshold"));
        ImageDecoder decoder = new ImageDecoder(new ImageLimits(s.getLong("facefleet.image.max-bytes"),
                s.getLong("facefleet.image.max-pixels"), s.getInt("facefleet.image.min-side")));
        ServiceStats stats = new ServiceStats();
        ReplyAwaiter awaiter = new ReplyAwaiter(s.getLong("facefleet.web.reply-timeout-ms"), stats::record);
        String replyQueue = s.get("facefleet.queue.reply");
        if (tiers.contains("web")) {
            String field = s.get("facefleet.web.upload-field");
            // requests waiting for their reply hold no thread (see AsyncHttpConsumer)
            main.bind("platform-http-engine", new AsyncHttpEngine());
            main.bind("apiKeyCheck", new ApiKeyCheck(s.get("facefleet.web.api-keys")));
            main.bind("replyAwaiter", awaiter);
            main.bind("replyReceiver", new ReplyReceiver(awaiter));
            main.bind("seedUpload", new UploadReader(field, decoder, true));
            UploadReader apiUpload = new UploadReader(field, decoder, false);
            main.bind("apiUpload", apiUpload);
            main.bind("verifyJob", new VerifySubmitter(apiUpload, store, awaiter, replyQueue));
            main.bind("recognizeJob", new JobSubmitter(store, awaiter, "recognize", replyQueue));
            main.bind("detectJob", new JobSubmitter(store, awaiter, "detect", replyQueue));
            main.bind("enrollJob", new JobSubmitter(store, awaiter, "enroll", replyQueue));
            main.bind("seedAnswer", new SeedAnswer());
            main.bind("apiAnswer", new ApiAnswer());
            main.bind("errorAnswer", new ErrorAnswer(awaiter));
            main.bind("subjectsApi", new SubjectsApi(gallery));
            main.bind("serviceStats", stats);
            main.bind("batchSubmitter", new BatchSubmitter(decoder, store, s.getInt("facefleet.web.batch-max-images")));
            main.bind("batchStatus", new BatchStatus(store));
        }
        JobRunner runner = null;
        FaceEngine engine = null;
        AnalysisCache cache = null;
        if (tiers.contains("app")) {
            engine = FaceEngine.load(new EngineConfig(ModelFiles.from(s.get("facefleet.model.dir")),
                    s.get("facefleet.engine.device"), s.getFloat("facefleet.engine.min-confidence"),
                    s.getInt("facefleet.engine.max-results"), s.getInt("facefleet.engine.small-image-side"),
                    s.getInt("facefleet.engine.max-batch"), s.getLong("facefleet.engine.batch-wait-ms")));
            cache = new AnalysisCache(s.getInt("facefleet.engine.cache-entries"));
            runner = new JobRunner(new FaceService(decoder, engine, gallery, cache), store, s.get("facefleet.unknown-label"));
            main.bind("jobRunner", runner);
        }
        if (tiers.contains("scaling")) {
            if (runner == null) {
                throw new IllegalArgumentException("the local scaling tier runs workers in this JVM: add the app tier");
            }
            LocalWorkerFleet fleet = new LocalWorkerFleet(s.get("facefleet.queue.request"), runner,
                    new ScalingPolicy.Limits(s.getInt("facefleet.workers.min"), s.getInt("facefleet.workers.max"),
                            s.getInt("facefleet.workers.target-per-worker"), s.getLong("facefleet.workers.scale-in-delay-ms")));
            main.bind("workerFleet", fleet);
            stats.watch(fleet::lastQueued, runner::inFlight, fleet::running);
        }
        main.addMainListener(new ServiceMetrics(stats, engine, cache));
        List<String> files = new ArrayList<>();
        for (String t : tiers) {
            files.add("classpath:routes/" + (t.equals("scaling") ? "scaling" : t + "-tier") + ".camel.yaml");
        }
        main.setOverrideProperties(s.all());
        main.addOverrideProperty("camel.main.routes-include-pattern", String.join(",", files));
        LOG.info("facefleet: profile {}, tiers {}, data in {}", s.get("facefleet.profile"), tiers, dataDir.toAbsolutePath());
        return main;
    }
}
