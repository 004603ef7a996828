package io.facefleet.boot;

import io.facefleet.aws.AwsClients;
import io.facefleet.aws.QueueSetup;
import io.facefleet.aws.RedeliveryBudget;
import io.facefleet.aws.ReplyQueueCheck;
import io.facefleet.aws.ReplyQueueName;
import io.facefleet.aws.ReplyQueues;
import io.facefleet.aws.S3GalleryObjects;
import io.facefleet.gallery.Catalog;
import io.facefleet.gallery.Catalogs;
import io.facefleet.gallery.ConditionalWriteProbe;
import io.facefleet.gallery.Gallery;
import io.facefleet.gallery.GalleryObjects;
import io.facefleet.gallery.GallerySettings;
import io.facefleet.gallery.GraphSearch;
import io.facefleet.gallery.SharedLogSettings;
import io.facefleet.gallery.VectorDistances;
import io.facefleet.messaging.NoMessageAttributes;
import io.facefleet.storage.BlobStore;
import io.facefleet.storage.LocalDiskStore;
import io.facefleet.storage.S3Store;
import io.facefleet.worker.JobRunner;
import java.nio.file.Path;
import java.util.Map;
import org.apache.camel.Processor;
import org.apache.camel.main.Main;
import org.apache.camel.support.service.ServiceSupport;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * What the tiers work on, chosen by {@code facefleet.storage} and {@code facefleet.queues}: the
 * blob store and gallery (disk or S3), the queues (in memory or SQS, with the queue set-up and
 * each web host's own reply queue), and the AWS clients they need.
 */
final class Backends {

    private final Startup start;
    private final Main main;
    private final Settings s;
    /** null when nothing here talks to AWS */
    final AwsClients aws;
    final BlobStore store;
    final Gallery gallery;
    /** the named collections: this host's data directory, or on S3 the ones every host shares */
    final Catalog catalog;
    /** null on in-memory queues */
    final SqsClient sqs;
    /** the queue this host's web tier gets its replies on */
    final String replyQueue;

    /** @param supplied the caller's beans: an AWS SDK {@code ExecutionInterceptor} among them sees every AWS call */
    Backends(Startup start, Map<String, Object> supplied) {
        this.start = start;
        this.main = start.main;
        this.s = start.settings;
        this.aws = needsAws() ? new AwsClients(awsConfig(), supplied.values().stream()
                .filter(ExecutionInterceptor.class::isInstance).map(ExecutionInterceptor.class::cast).toList()) : null;
        VectorDistances.use(s.get("facefleet.gallery.vector-distance"));
        GraphSearch.use(s.get("facefleet.gallery.hnsw.searcher"));
        float threshold = s.getFloat("facefleet.gallery.threshold");
        switch (s.get("facefleet.storage")) {
            case "local" -> {
                Path dataDir = Path.of(s.get("facefleet.data-dir"));
                store = new LocalDiskStore(dataDir);
                catalog = Catalogs.shared(dataDir, gallerySettings());
                gallery = catalog.gallery(Catalog.DEFAULT, threshold);
            }
            case "s3" -> {
                store = s3Store();
                catalog = sharedCatalog();
                gallery = catalog.gallery(Catalog.DEFAULT, threshold);
            }
            default -> throw new IllegalArgumentException("facefleet.storage is local or s3; got " + s.get("facefleet.storage"));
        }
        switch (s.get("facefleet.queues")) {
            case "local" -> {
                sqs = null;
                // in-memory queues never go away: every reply is sent
                main.bind("replyQueueCheck", (Processor) exchange -> { });
            }
            case "sqs" -> {
                if (start.runs("web")) {
                    checkRedeliveryBudget();
                }
                sqs = sqsQueues();
            }
            default -> throw new IllegalArgumentException("facefleet.queues is local or sqs; got " + s.get("facefleet.queues"));
        }
        replyQueue = sqs != null && start.runs("web") ? ownReplyQueue() : s.get("facefleet.queue.reply-name");
    }

    private GallerySettings gallerySettings() {
        return new GallerySettings(s.getInt("facefleet.gallery.max-collections"), s.getInt("facefleet.gallery.max-faces"),
                s.getInt("facefleet.gallery.max-name-length"), s.getInt("facefleet.gallery.exact-below"),
                s.getInt("facefleet.gallery.hnsw.max-conn"), s.getInt("facefleet.gallery.hnsw.beam-width"),
                s.getInt("facefleet.gallery.hnsw.ef-search"), s.getInt("facefleet.gallery.commit-every"),
                s.getInt("facefleet.gallery.batch-max"),
                new GallerySettings.IndexTuning(s.getInt("facefleet.gallery.index.ram-buffer-mb"), s.getInt("facefleet.gallery.index.segments-per-tier"),
                        s.getInt("facefleet.gallery.index.merge-when-idle-ms"), s.getInt("facefleet.gallery.index.idle-segments"),
                        s.getInt("facefleet.gallery.hnsw.quantize-bits"), s.getInt("facefleet.gallery.index.apply-threads"),
                        s.getInt("facefleet.gallery.index.merge-workers"), s.getBoolean("facefleet.gallery.index.preload-vectors")));
    }

    /**
     * The collections every host shares through the data bucket: a change log each, followed
     * every poll-ms, with snapshots. Refuses to start when the store ignores conditional writes.
     */
    private Catalog sharedCatalog() {
        GalleryObjects objects = new S3GalleryObjects(aws.s3(), s.get("facefleet.s3.data-bucket"), s.get("facefleet.gallery.s3.prefix"));
        ConditionalWriteProbe.require(objects);
        Catalog shared = Catalog.openShared(objects, gallerySettings(),
                new SharedLogSettings(s.getLong("facefleet.gallery.s3.poll-ms"), s.getInt("facefleet.gallery.s3.snapshot-every"),
                        s.getLong("facefleet.gallery.s3.retention-check-ms"), s.getInt("facefleet.gallery.s3.snapshots-kept")));
        // this host's replicas go when it stops (every acknowledged change is in the bucket already)
        start.whenConfigured(context -> context.addService(new ServiceSupport() {
            @Override
            protected void doStop() throws Exception {
                shared.close();
            }
        }));
        return shared;
    }

    private boolean needsAws() {
        return s.get("facefleet.storage").equals("s3") || s.get("facefleet.queues").equals("sqs")
                || start.runs("scaling") && s.get("facefleet.fleet").equals("ec2");
    }

    private AwsClients.Config awsConfig() {
        return new AwsClients.Config(s.get("facefleet.aws.region"), optional("facefleet.aws.sqs-endpoint"), optional("facefleet.aws.s3-endpoint"),
                optional("facefleet.aws.access-key"), s.has("facefleet.aws.access-key") ? s.get("facefleet.aws.secret-key") : "",
                s.getInt("facefleet.aws.max-connections"));
    }

    private String optional(String key) {
        return s.has(key) ? s.get(key) : "";
    }

    private S3Store s3Store() {
        S3Client s3 = aws.s3();
        main.bind("s3Client", s3);
        S3Store s3Store = new S3Store(s3, s.get("facefleet.s3.input-bucket"), s.get("facefleet.s3.output-bucket"),
                s.get("facefleet.s3.data-bucket"));
        if (s.getBoolean("facefleet.s3.create-buckets")) {
            s3Store.createBuckets();
        }
        return s3Store;
    }

    /** A job must get its retries and redeliveries within the time the web tier waits for its reply. */
    private void checkRedeliveryBudget() {
        new RedeliveryBudget(s.getInt("facefleet.sqs.max-receives"), s.getInt("facefleet.sqs.visibility-timeout-s"),
                s.getInt("facefleet.backend.retries"), s.getLong("facefleet.backend.retry-delay-ms"),
                s.getLong("facefleet.backend.max-retry-delay-ms"), s.getInt("facefleet.sqs.wait-time-s"))
                .requireWithin(s.getLong("facefleet.web.reply-timeout-ms"));
    }

    private SqsClient sqsQueues() {
        SqsClient client = aws.sqs();
        // a worker's reply to a web host that has stopped (and deleted its queue) is dropped
        main.bind("replyQueueCheck", new ReplyQueueCheck(client, JobRunner.REPLY_TO, s.getLong("facefleet.sqs.reply-queue-recheck-ms")));
        // the aws2-sqs endpoints find this client in the registry (autowired by type)
        main.bind("sqsClient", client);
        // the SQS endpoints' header filter: jobs and replies carry their body, no attributes
        main.bind("noMessageAttributes", new NoMessageAttributes());
        if (s.getBoolean("facefleet.sqs.create-queues")) {
            new QueueSetup(client).requestQueue(s.get("facefleet.sqs.request-queue"), s.get("facefleet.sqs.dead-letter-queue"),
                    s.getInt("facefleet.sqs.visibility-timeout-s"), s.getInt("facefleet.sqs.max-receives"));
            new QueueSetup(client).seedQueue(s.get("facefleet.sqs.seed-reply-queue"));
        }
        return client;
    }

    /** Each web host answers through its own reply queue, made here and deleted when it stops. */
    private String ownReplyQueue() {
        String prefix = s.get("facefleet.sqs.reply-queue-prefix");
        String name = s.get("facefleet.queue.reply-name");
        if (name.isBlank()) {
            name = ReplyQueueName.of(prefix, s.get("facefleet.web.host-id"));
        }
        start.camel.setProperty("facefleet.queue.reply-name", name);
        ReplyQueues mine = new ReplyQueues(sqs, name, prefix, s.getInt("facefleet.sqs.reply-retention-s"),
                s.getLong("facefleet.sqs.reply-queue-expiry-s"));
        mine.create();
        main.bind("replyQueues", mine);
        // stopped after the routes, so the reply consumer has stopped polling it
        start.whenConfigured(context -> context.addService(new ServiceSupport() {
            @Override
            protected void doStop() {
                mine.delete();
            }
        }));
        return name;
    }
}
