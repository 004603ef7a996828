package io.facefleet.boot;

import io.facefleet.engine.Attribute;
import io.facefleet.engine.image.ImageDecoder;
import io.facefleet.messaging.ReplyAwaiter;
import io.facefleet.messaging.ReplyReceiver;
import io.facefleet.rekognition.AwsImage;
import io.facefleet.rekognition.AwsKeys;
import io.facefleet.rekognition.BucketS3Objects;
import io.facefleet.rekognition.ClientAuth;
import io.facefleet.rekognition.LocalS3Objects;
import io.facefleet.rekognition.RekognitionAnswer;
import io.facefleet.rekognition.RekognitionCollections;
import io.facefleet.rekognition.RekognitionErrorAnswer;
import io.facefleet.rekognition.RekognitionJobs;
import io.facefleet.rekognition.RekognitionRequest;
import io.facefleet.rekognition.S3Objects;
import io.facefleet.rekognition.SigV4Verifier;
import io.facefleet.rekognition.Similarity;
import io.facefleet.storage.BlobStore;
import io.facefleet.web.Admission;
import io.facefleet.web.ApiAnswer;
import io.facefleet.web.ApiKeyCheck;
import io.facefleet.web.AsyncHttpEngine;
import io.facefleet.web.AttributeRequest;
import io.facefleet.web.BatchStatus;
import io.facefleet.web.BatchSubmitter;
import io.facefleet.web.CollectionsApi;
import io.facefleet.web.DrainOnStop;
import io.facefleet.web.ErrorAnswer;
import io.facefleet.web.JobSubmitter;
import io.facefleet.web.RequestGuards;
import io.facefleet.web.SeedAnswer;
import io.facefleet.web.ServiceStats;
import io.facefleet.web.StartingGate;
import io.facefleet.web.SubjectsApi;
import io.facefleet.web.UploadReader;
import io.facefleet.web.VerifySubmitter;
import io.facefleet.worker.DeadLetterAnswer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import org.apache.camel.main.Main;

/**
 * The web tier ({@code routes/web-tier.camel.yaml}): the HTTP API's beans, the guards on the
 * client port, and on SQS the dead-letter answers and this host's reply queue consumer.
 */
final class WebTier {

    private final Startup start;
    private final Main main;
    private final Settings s;
    private final Backends backends;

    WebTier(Startup start, Backends backends) {
        this.start = start;
        this.main = start.main;
        this.s = start.settings;
        this.backends = backends;
    }

    /** Binds the beans its routes name and adds its route files. */
    void add(ImageDecoder decoder, ServiceStats stats, ReplyAwaiter awaiter) {
        String apiKeys = s.get("facefleet.web.api-keys");
        AwsKeys awsKeys = new AwsKeys(s.get("facefleet.web.aws-keys"));
        if (apiKeys.isBlank() && !awsKeys.enabled() && s.getBoolean("facefleet.web.require-api-keys")) {
            throw new IllegalArgumentException("the " + s.get("facefleet.profile") + " profile requires API keys: set "
                    + "facefleet.web.api-keys (or the FACEFLEET_API_KEYS environment variable) or facefleet.web.aws-keys,"
                    + " or facefleet.web.require-api-keys=false");
        }
        Admission admission = new Admission(s.getInt("facefleet.web.max-waiting"), s.getInt("facefleet.web.retry-after-s"));
        bindBeans(apiKeys, admission, decoder, stats, awaiter);
        // every route file's client check: an API key, or a SigV4 signature (the AWS protocol)
        main.bind("apiKeyCheck", new ClientAuth(new ApiKeyCheck(apiKeys), awsKeys, new SigV4Verifier(awsKeys, "rekognition",
                s.get("facefleet.rekognition.region"), Duration.ofSeconds(s.getLong("facefleet.rekognition.max-clock-skew-s"))),
                Clock.systemUTC()));
        bindRekognition(decoder, awaiter);
        start.addRoutes("web-tier");
        new CompreFaceBeans(main, s).bind(backends.gallery, decoder, awaiter);
        start.addRoutes("compreface");
        start.addRoutes("rekognition");
        // named collections: of this host's data directory, or shared through S3 on the aws profile
        main.bind("collectionsApi", new CollectionsApi(backends.catalog, s.getInt("facefleet.gallery.page.default"),
                s.getInt("facefleet.gallery.page.max"), s.getInt("facefleet.gallery.k.max")));
        start.addRoutes("collections");
        guardClientPort(admission);
        if (backends.sqs != null) {
            main.bind("deadLetterAnswer", new DeadLetterAnswer(backends.store));
            start.addRoutes("dead-letters");
            start.addRoutes("reply-queues");
        }
    }

    private void bindBeans(String apiKeys, Admission admission, ImageDecoder decoder, ServiceStats stats, ReplyAwaiter awaiter) {
        BlobStore store = backends.store;
        String replyQueue = backends.replyQueue;
        // requests waiting for their reply hold no thread (see AsyncHttpConsumer)
        main.bind("platform-http-engine", new AsyncHttpEngine());
        main.bind("admission", admission);
        main.bind("replyAwaiter", awaiter);
        main.bind("replyReceiver", new ReplyReceiver(awaiter));
        UploadReader upload = new UploadReader(s.get("facefleet.web.upload-field"), decoder);
        main.bind("upload", upload);
        main.bind("verifyJob", new VerifySubmitter(upload, replyQueue));
        main.bind("jobSubmitter", new JobSubmitter(replyQueue, new AttributeRequest(s.get("facefleet.attributes.allowed"))));
        main.bind("seedAnswer", new SeedAnswer());
        main.bind("apiAnswer", new ApiAnswer());
        main.bind("subjectsApi", new SubjectsApi(backends.gallery));
        main.bind("serviceStats", stats);
        main.bind("batchSubmitter", new BatchSubmitter(decoder, s.getInt("facefleet.web.batch-max-images")));
        main.bind("batchStatus", new BatchStatus(store));
    }

    /** Rekognition's protocol (routes/rekognition.camel.yaml) and the error shape of its requests. */
    private void bindRekognition(ImageDecoder decoder, ReplyAwaiter awaiter) {
        S3Objects objects = s.get("facefleet.storage").equals("s3")
                ? new BucketS3Objects(backends.aws.s3())
                : new LocalS3Objects(Path.of(s.get("facefleet.rekognition.local-s3-dir")));
        Similarity similarity = new Similarity(s.getFloat("facefleet.gallery.threshold"));
        RekognitionAnswer answer = new RekognitionAnswer(similarity, backends.catalog, s.getFloat("facefleet.rekognition.age-band-years"));
        Set<Attribute> offered = new AttributeRequest(s.get("facefleet.attributes.allowed")).parse(Attribute.ALL);
        main.bind("rekognitionRequest", new RekognitionRequest());
        main.bind("rekognitionJobs", new RekognitionJobs(new AwsImage(decoder, objects), backends.replyQueue, s.getInt("facefleet.gallery.k.max"),
                offered.isEmpty() ? null : Attribute.format(offered)));
        main.bind("rekognitionAnswer", answer);
        main.bind("rekognitionCollections", new RekognitionCollections(backends.catalog, answer, similarity,
                s.get("facefleet.rekognition.region").isBlank() ? "us-east-1" : s.get("facefleet.rekognition.region"),
                s.getInt("facefleet.gallery.page.default"), s.getInt("facefleet.gallery.k.max")));
        RekognitionErrorAnswer errors = new RekognitionErrorAnswer(awaiter);
        main.bind("rekognitionErrorAnswer", errors);
        main.bind("errorAnswer", new ErrorAnswer(awaiter, errors));
    }

    /** Slow and broken requests refused, a drain before the routes stop, and 503 while the context is not started. */
    private void guardClientPort(Admission admission) {
        RequestGuards guard = new RequestGuards(s.getInt("camel.server.port"), s.getLong("facefleet.web.request-read-timeout-ms"));
        DrainOnStop drain = new DrainOnStop(admission, s.getLong("facefleet.web.drain-timeout-ms"));
        start.whenConfigured(context -> {
            context.addStartupListener(guard);
            context.getManagementStrategy().addEventNotifier(drain);
            context.getManagementStrategy().addEventNotifier(new StartingGate(s.getInt("camel.server.port"), s.getInt("facefleet.web.retry-after-s")));
        });
    }
}
