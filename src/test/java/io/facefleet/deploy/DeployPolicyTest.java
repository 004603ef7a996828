package io.facefleet.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.facefleet.testing.AwsServers;
import io.facefleet.testing.DemoFaces;
import io.facefleet.testing.RunningService;
import io.facefleet.testing.ScaleInBursts;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import io.facefleet.scaling.Ec2Fleet;
import io.facefleet.scaling.FakeEc2Client;
import io.facefleet.scaling.FleetController;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code deploy/iam-policy.json} allows exactly the AWS actions the code calls. The service runs
 * every tier against ElasticMQ and S3Proxy with a recorder on its AWS clients and is driven
 * through each API operation; the EC2 driver's calls are recorded by the fake EC2 client, as no
 * EC2 runs here. The recorded actions must equal the policy's.
 */
class DeployPolicyTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** SDK operations whose IAM action has another name (AWS's service authorization reference). */
    private static final Map<String, String> ACTION_OF = Map.of(
            "S3:ListObjectsV2", "s3:ListBucket",
            "S3:HeadObject", "s3:GetObject",
            // the aws2-s3 endpoint checks its bucket at start
            "S3:HeadBucket", "s3:ListBucket",
            "Sqs:ChangeMessageVisibilityBatch", "sqs:ChangeMessageVisibility",
            "Sqs:DeleteMessageBatch", "sqs:DeleteMessage",
            "Sqs:SendMessageBatch", "sqs:SendMessage");

    /**
     * The EC2 driver's calls, through the aws2-ec2 endpoint to the fake EC2 client, in both modes
     * up and down; RunInstances also needs ec2:CreateTags (tags on launch) and iam:PassRole (the
     * launch template's instance role).
     */
    private static Set<String> ec2DriverActions() throws Exception {
        FakeEc2Client ec2 = new FakeEc2Client();
        ec2.preCreate("app-tier-instance-1", Map.of("facefleet:fleet", "facefleet"), InstanceStateName.STOPPED);
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.getRegistry().bind("ec2Client", Ec2Client.class, ec2);
            camel.start();
            for (Ec2Fleet.Mode mode : Ec2Fleet.Mode.values()) {
                Ec2Fleet d = new Ec2Fleet(new Ec2Fleet.Config(mode, "facefleet:fleet=facefleet", "app-tier-instance-",
                        "facefleet-app-tier", 20, "aws2-ec2://app-tier?pojoRequest=true"), () -> camel);
                d.reconcile(1);
                d.reconcile(1);
                d.reconcile(0);
            }
        }
        Set<String> actions = new TreeSet<>(ec2.calls);
        if (actions.contains("ec2:RunInstances")) {
            actions.addAll(List.of("ec2:CreateTags", "iam:PassRole"));
        }
        return actions;
    }

    @TempDir
    Path data;

    static Path deploy() {
        return Path.of("deploy");
    }

    @Test
    void thePolicyAllowsExactlyTheActionsTheServiceCalls() throws Exception {
        AwsCallRecorder recorder = new AwsCallRecorder();
        Set<String> used = ec2DriverActions();
        try (AwsServers aws = AwsServers.start()) {
            // the deploy template creates the buckets on AWS: the service must not need to
            try (S3Client s3 = S3Client.builder().region(Region.US_EAST_1).forcePathStyle(true)
                    .endpointOverride(URI.create(aws.settings().get(2).split("=", 2)[1]))
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(AwsServers.ACCESS_KEY, AwsServers.SECRET_KEY))).build()) {
                s3.createBucket(r -> r.bucket("iam-in-bucket"));
                s3.createBucket(r -> r.bucket("iam-out-bucket"));
                s3.createBucket(r -> r.bucket("iam-data-bucket"));
            }
            // the reply queue of a web host that died an hour ago: the sweep reads its tag and deletes it
            try (var sqs = aws.sqsClient()) {
                sqs.createQueue(r -> r.queueName("iam-resp-queue-died").tags(Map.of(io.facefleet.aws.ReplyQueues.ALIVE_AT,
                        Long.toString(System.currentTimeMillis() / 1000 - 3600))));
            }
            List<String> settings = new ArrayList<>(aws.settings());
            settings.remove("facefleet.s3.create-buckets=true");
            settings.addAll(List.of("facefleet.aws.app-id=iam", "facefleet.tiers=web,app", "facefleet.data-dir=" + data,
                    "facefleet.web.api-keys=k", "facefleet.sqs.wait-time-s=1",
                    // the web host marks its reply queue alive (and sweeps) within the run
                    "facefleet.sqs.reply-queue-heartbeat-ms=300"));
            try (RunningService service = RunningService.start(Map.of("awsCallRecorder", recorder), settings.toArray(String[]::new))) {
                service.useApiKey("k");
                exerciseEveryOperation(service);
                // the heartbeat marks this host's reply queue alive and the sweep deletes the dead host's
                ScaleInBursts.await("the reply-queue heartbeat and sweep", 30_000,
                        () -> recorder.calls().containsAll(Set.of("Sqs:TagQueue", "Sqs:ListQueueTags", "Sqs:DeleteQueue")));
            }
            try (RunningService controller = RunningService.start(Map.of("awsCallRecorder", recorder),
                    withTiers(aws, "scaling", "facefleet.fleet=process", "facefleet.workers.min=0").toArray(String[]::new))) {
                // a few scaling ticks read the queue's attributes
                FleetController fleet = ScaleInBursts.controller(controller);
                ScaleInBursts.await("three scaling ticks", 30_000, () -> fleet.getTicks() >= 3);
            }
        }
        // Camel's consumer extends a job's visibility (extendMessageVisibility=true) only when the job
        // outlives half the timeout, which this short run never does: taken from the configuration
        if (io.facefleet.boot.Settings.load(new String[] {"facefleet.profile=aws"}).get("facefleet.queue.request-consumer")
                .contains("extendMessageVisibility=true")) {
            used.add("sqs:ChangeMessageVisibility");
        }
        for (String call : recorder.calls()) {
            used.add(ACTION_OF.getOrDefault(call, call.substring(0, call.indexOf(':')).toLowerCase() + call.substring(call.indexOf(':'))));
        }
        Set<String> allowed = policyActions(JSON.readTree(deploy().resolve("iam-policy.json").toFile()));
        assertEquals(allowed, used, "deploy/iam-policy.json must allow exactly what the code calls (recorded: " + recorder.calls() + ")");
    }

    private List<String> withTiers(AwsServers aws, String tiers, String... more) {
        List<String> settings = new ArrayList<>(aws.settings());
        settings.remove("facefleet.s3.create-buckets=true");
        settings.addAll(List.of("facefleet.aws.app-id=iam", "facefleet.tiers=" + tiers, "facefleet.data-dir=" + data,
                "facefleet.scaling.timer=timer:facefleet-scaling?period=200"));
        settings.addAll(List.of(more));
        return settings;
    }

    private void exerciseEveryOperation(RunningService service) throws Exception {
        byte[] paul = DemoFaces.people().get(0).portrait();
        assertEquals(200, service.postFile("/api/v1/subjects/Paul", "inputFile", "test_00.jpg", paul).statusCode());
        assertEquals(200, service.postFile("/", "inputFile", "test_10.jpg", paul).statusCode());
        assertEquals(200, service.postFile("/api/v1/recognize", "inputFile", "a.jpg", paul).statusCode());
        assertEquals(200, service.postFile("/api/v1/detect", "inputFile", "b.jpg", paul).statusCode());
        assertEquals(200, service.postFiles("/api/v1/verify", List.of(new RunningService.Part("first", "c.jpg", paul),
                new RunningService.Part("second", "d.jpg", paul))).statusCode());
        HttpResponse<String> job = service.postFile("/api/v1/jobs", "inputFile", "e.jpg", paul);
        assertEquals(202, job.statusCode(), job.body());
        String id = JSON.readTree(job.body()).get("id").asText();
        long deadline = System.currentTimeMillis() + 30_000;
        String state;
        do {
            Thread.sleep(200);
            state = JSON.readTree(service.send(HttpRequest.newBuilder(service.uri("/api/v1/jobs/" + id)).header("X-API-Key", "k")).body())
                    .path("status").asText();
        } while (!state.equals("done") && System.currentTimeMillis() < deadline);
        assertEquals("done", state);
        assertEquals(200, service.send(HttpRequest.newBuilder(service.uri("/api/v1/subjects")).header("X-API-Key", "k")).statusCode());
        assertEquals(204, service.send(HttpRequest.newBuilder(service.uri("/api/v1/subjects/Paul")).header("X-API-Key", "k").DELETE()).statusCode());
    }

    /** Every action the policy's Allow statements name. */
    static Set<String> policyActions(JsonNode policy) {
        Set<String> actions = new TreeSet<>();
        for (JsonNode st : policy.get("Statement")) {
            assertEquals("Allow", st.get("Effect").asText(), "the policy only allows");
            JsonNode a = st.get("Action");
            if (a.isArray()) {
                a.forEach(x -> actions.add(x.asText()));
            } else {
                actions.add(a.asText());
            }
            assertTrue(actions.stream().noneMatch(x -> x.contains("*")), "no wildcard actions: " + actions);
        }
        return actions;
    }
}
