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
import io.facefleet.aws.AwsClients;
import io.facefleet.aws.QueueSetup;
import io.facefleet.aws.RedeliveryBudget;
import io.facefleet.aws.ReplyQueueCheck;
import io.facefleet.aws.ReplyQueueName;
import io.facefleet.aws.ReplyQueues;
import io.facefleet.messaging.NoMessageAttributes;
import io.facefleet.scaling.FleetController;
import io.facefleet.storage.BlobStore;
import io.facefleet.storage.LocalDiskStore;
import io.facefleet.storage.S3Store;
import io.facefleet.worker.DeadLetterAnswer;
import io.facefleet.web.Admission;
import io.facefleet.web.ApiAnswer;
import io.facefleet.web.ApiKeyCheck;
import io.facefleet.web.AsyncHttpEngine;
import io.facefleet.web.BatchStatus;
import io.facefleet.web.BatchSubmitter;
import io.facefleet.web.DrainOnStop;
import io.facefleet.web.ErrorAnswer;
import io.facefleet.web.JobSubmitter;
import io.facefleet.web.SeedAnswer;
import io.facefleet.web.RequestGuards;
import io.facefleet.web.ServiceStats;
import io.facefleet.web.StartingGate;
import io.facefleet.web.SubjectsApi;
import io.facefleet.web.UploadReader;
import io.facefleet.web.VerifySubmitter;
import io.facefleet.worker.HandlerDispatch;
import io.facefleet.worker.JobFailure;
import io.facefleet.worker.JobImages;
import io.facefleet.worker.JobRunner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.LongSupplier;
import org.apache.camel.CamelContext;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

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
        return create(s, Map.of());
    }

    /**
     * As {@link #create(Settings)}, with beans supplied by the caller: an {@code ec2Client} among
     * them replaces the one built from the settings (tests pass a fake, as no EC2 can run here);
     * an AWS SDK {@code ExecutionInterceptor} sees every AWS call this host makes.
     */
    public static Main create(Settings s, Map<String, Object> beans) {
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
        beans.forEach((name, bean) -> {
            if (!name.equals("ec2Client")) {
                main.bind(name, bean);
            }
        });
        List<String> files = new ArrayList<>();
        // what Camel Main is configured with: every setting, plus what the tiers imply
        Properties camel = new Properties();
        camel.putAll(s.all());
        ManagementLogin.apply(s, camel);
        Path dataDir = Path.of(s.get("facefleet.data-dir"));
        AwsClients aws = s.get("facefleet.storage").equals("s3") || s.get("facefleet.queues").equals("sqs")
                || tiers.contains("scaling") && s.get("facefleet.fleet").equals("ec2")
                ? new AwsClients(s, beans.values().stream().filter(ExecutionInterceptor.class::isInstance).map(ExecutionInterceptor.class::cast).toList())
                : null;
        BlobStore store;
        Gallery gallery;
        float threshold = s.getFloat("facefleet.gallery.threshold");
        switch (s.get("facefleet.storage")) {
            case "local" -> {
                store = new LocalDiskStore(dataDir);
                gallery = Gallery.open(dataDir, threshold, s.getLong("facefleet.gallery.refresh-ms"));
            }
            case "s3" -> {
                S3Client s3 = aws.s3();
                main.bind("s3Client", s3);
                S3Store s3Store = new S3Store(s3, s.get("facefleet.s3.input-bucket"), s.get("facefleet.s3.output-bucket"),
                        s.get("facefleet.s3.data-bucket"));
                if (s.getBoolean("facefleet.s3.create-buckets")) {
                    s3Store.createBuckets();
                }
                store = s3Store;
                gallery = Gallery.shared(store, threshold, s.getLong("facefleet.gallery.refresh-ms"));
            }
            default -> throw new IllegalArgumentException("facefleet.storage is local or s3; got " + s.get("facefleet.storage"));
        }
        SqsClient sqs = null;
        String replyQueue = s.get("facefleet.queue.reply-name");
        switch (s.get("facefleet.queues")) {
            // in-memory queues never go away: every reply is sent
            case "local" -> main.bind("replyQueueCheck", (org.apache.camel.Processor) exchange -> { });
            case "sqs" -> {
                if (tiers.contains("web")) {
                    new RedeliveryBudget(s.getInt("facefleet.sqs.max-receives"), s.getInt("facefleet.sqs.visibility-timeout-s"),
                            s.getInt("facefleet.backend.retries"), s.getLong("facefleet.backend.retry-delay-ms"),
                            s.getLong("facefleet.backend.max-retry-delay-ms"), s.getInt("facefleet.sqs.wait-time-s"))
                            .requireWithin(s.getLong("facefleet.web.reply-timeout-ms"));
                }
                sqs = aws.sqs();
                // a worker's reply to a web host that has stopped (and deleted its queue) is dropped
                main.bind("replyQueueCheck", new ReplyQueueCheck(sqs, JobRunner.REPLY_TO, s.getLong("facefleet.sqs.reply-queue-recheck-ms")));
                // the aws2-sqs endpoints find this client in the registry (autowired by type)
                main.bind("sqsClient", sqs);
                // the SQS endpoints' header filter: jobs and replies carry their body, no attributes
                main.bind("noMessageAttributes", new NoMessageAttributes());
                if (s.getBoolean("facefleet.sqs.create-queues")) {
                    new QueueSetup(sqs).requestQueue(s.get("facefleet.sqs.request-queue"), s.get("facefleet.sqs.dead-letter-queue"),
                            s.getInt("facefleet.sqs.visibility-timeout-s"), s.getInt("facefleet.sqs.max-receives"));
                    new QueueSetup(sqs).seedQueue(s.get("facefleet.sqs.seed-reply-queue"));
                }
                if (tiers.contains("web")) {
                    // each web host answers through its own reply queue, made here and deleted when it stops
                    String prefix = s.get("facefleet.sqs.reply-queue-prefix");
                    if (replyQueue.isBlank()) {
                        replyQueue = ReplyQueueName.of(prefix, s.get("facefleet.web.host-id"));
                    }
                    camel.setProperty("facefleet.queue.reply-name", replyQueue);
                    ReplyQueues mine = new ReplyQueues(sqs, replyQueue, prefix, s.getInt("facefleet.sqs.reply-retention-s"),
                            s.getLong("facefleet.sqs.reply-queue-expiry-s"));
                    mine.create();
                    main.bind("replyQueues", mine);
                    // stopped after the routes, so the reply consumer has stopped polling it
                    whenConfigured(main, context -> context.addService(new ServiceSupport() {
                        @Override
                        protected void doStop() {
                            mine.delete();
                        }
                    }));
                }
            }
            default -> throw new IllegalArgumentException("facefleet.queues is local or sqs; got " + s.get("facefleet.queues"));
        }
        ImageDecoder decoder = new ImageDecoder(new ImageLimits(s.getLong("facefleet.image.max-bytes"),
                s.getLong("facefleet.image.max-pixels"), s.getInt("facefleet.image.min-side")));
        ServiceStats stats = new ServiceStats();
        ReplyAwaiter awaiter = new ReplyAwaiter(s.getLong("facefleet.web.reply-timeout-ms"), stats::record);
        if (tiers.contains("web")) {
            String field = s.get("facefleet.web.upload-field");
            String apiKeys = s.get("facefleet.web.api-keys");
            if (apiKeys.isBlank() && s.getBoolean("facefleet.web.require-api-keys")) {
                throw new IllegalArgumentException("the " + s.get("facefleet.profile") + " profile requires API keys: set "
                        + "facefleet.web.api-keys (or the FACEFLEET_API_KEYS environment variable), or facefleet.web.require-api-keys=false");
            }
            // requests waiting for their reply hold no thread (see AsyncHttpConsumer)
            main.bind("platform-http-engine", new AsyncHttpEngine());
            main.bind("apiKeyCheck", new ApiKeyCheck(apiKeys));
            Admission admission = new Admission(s.getInt("facefleet.web.max-waiting"), s.getInt("facefleet.web.retry-after-s"));
            main.bind("admission", admission);
            main.bind("replyAwaiter", awaiter);
            main.bind("replyReceiver", new ReplyReceiver(awaiter));
            UploadReader upload = new UploadReader(field, decoder);
            main.bind("upload", upload);
            main.bind("verifyJob", new VerifySubmitter(upload, store, awaiter, replyQueue));
            main.bind("seedJob", new JobSubmitter(store, awaiter, "recognize", replyQueue, true));
            main.bind("recognizeJob", new JobSubmitter(store, awaiter, "recognize", replyQueue, false));
            main.bind("detectJob", new JobSubmitter(store, awaiter, "detect", replyQueue, false));
            main.bind("enrollJob", new JobSubmitter(store, awaiter, "enroll", replyQueue, false));
            main.bind("seedAnswer", new SeedAnswer());
            main.bind("apiAnswer", new ApiAnswer());
            main.bind("errorAnswer", new ErrorAnswer(awaiter));
            main.bind("subjectsApi", new SubjectsApi(gallery));
            main.bind("serviceStats", stats);
            main.bind("batchSubmitter", new BatchSubmitter(decoder, store, s.getInt("facefleet.web.batch-max-images")));
            main.bind("batchStatus", new BatchStatus(store));
            files.add("web-tier");
            RequestGuards guard = new RequestGuards(s.getInt("camel.server.port"), s.getLong("facefleet.web.request-read-timeout-ms"));
            DrainOnStop drain = new DrainOnStop(admission, s.getLong("facefleet.web.drain-timeout-ms"));
            whenConfigured(main, context -> {
                context.addStartupListener(guard);
                context.getManagementStrategy().addEventNotifier(drain);
                context.getManagementStrategy().addEventNotifier(new StartingGate(s.getInt("camel.server.port"), s.getInt("facefleet.web.retry-after-s")));
            });
            if (sqs != null) {
                main.bind("deadLetterAnswer", new DeadLetterAnswer(store));
                files.add("dead-letters");
                files.add("reply-queues");
            }
        } else {
            // an app or scaling host serves no clients: no HTTP server on the client port
            camel.setProperty("camel.server.enabled", "false");
        }
        JobRunner runner = null;
        FaceEngine engine = null;
        AnalysisCache cache = null;
        boolean workersHere = tiers.contains("scaling") && s.get("facefleet.fleet").equals("local");
        if (tiers.contains("app")) {
            engine = FaceEngine.load(new EngineConfig(ModelFiles.from(s.get("facefleet.model.dir")),
                    s.get("facefleet.engine.device"), s.getFloat("facefleet.engine.min-confidence"),
                    s.getInt("facefleet.engine.max-results"), s.getInt("facefleet.engine.small-image-side"),
                    s.getInt("facefleet.engine.max-batch"), s.getLong("facefleet.engine.batch-wait-ms")));
            cache = new AnalysisCache(s.getInt("facefleet.engine.cache-entries"));
            runner = new JobRunner();
            main.bind("jobRunner", runner);
            HandlerDispatch handlers = HandlerDispatch.of(new FaceService(decoder, engine, gallery, cache), s.get("facefleet.unknown-label"));
            main.bind("jobHandlers", handlers);
            main.bind("jobImages", new JobImages(handlers));
            main.bind("jobFailure", new JobFailure());
            files.add("app-tier");
            if (!workersHere) {
                // a worker host: one worker route, whose consumer sets the concurrency
                files.add("app-workers");
            }
        }
        FleetController controller = null;
        if (tiers.contains("scaling")) {
            LongSupplier arrivals = tiers.contains("web") ? awaiter::lastExpectedAt : () -> Long.MIN_VALUE;
            controller = Fleets.controller(s, runner, sqs, aws, (Ec2Client) beans.get("ec2Client"), main, arrivals);
            main.bind("workerFleet", controller);
            files.add("scaling");
        }
        if (controller != null) {
            stats.watch(controller::getVisible, controller::getInFlight, controller::getRunning);
        } else if (runner != null) {
            JobRunner r = runner;
            stats.watch(() -> -1, r::inFlight, () -> 1);
        }
        main.addMainListener(new ServiceMetrics(stats, engine, cache, controller));
        if (controller != null) {
            FleetController c = controller;
            // the workers this host started (processes) stop with it, after draining
            whenConfigured(main, context -> context.addService(new ServiceSupport() {
                @Override
                protected void doStop() {
                    c.shutdown();
                }
            }));
        }
        if (tiers.contains("web") || tiers.contains("app")) {
            // the storage steps of the routes: file: or aws2-s3 endpoints
            files.add("storage-" + s.get("facefleet.storage"));
        }
        main.setOverrideProperties(camel);
        main.addOverrideProperty("camel.main.routes-include-pattern",
                String.join(",", files.stream().map(f -> "classpath:routes/" + f + ".camel.yaml").toList()));
        LOG.info("facefleet: profile {}, tiers {}, data in {}", s.get("facefleet.profile"), tiers, dataDir.toAbsolutePath());
        return main;
    }

    /** Something to do to the Camel context once Camel Main has built it, before it starts. */
    @FunctionalInterface
    private interface ContextStep {
        void apply(CamelContext context) throws Exception;
    }

    private static void whenConfigured(Main main, ContextStep step) {
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void afterConfigure(BaseMainSupport m) {
                try {
                    step.apply(m.getCamelContext());
                } catch (Exception e) {
                    throw new IllegalStateException("cannot configure the Camel context", e);
                }
            }
        });
    }
}
