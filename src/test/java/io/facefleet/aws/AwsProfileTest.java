package io.facefleet.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.facefleet.testing.AwsServers;
import io.facefleet.testing.RunningService;
import io.facefleet.testing.SeedWorkload;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The aws profile in one JVM (web and app tiers) against ElasticMQ and S3Proxy: enrolment goes
 * through SQS to a worker and into the shared gallery in S3; recognition stores the image, the
 * label and the JSON result under the seed's keys.
 */
class AwsProfileTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path data;
    private static AwsServers aws;
    private static RunningService service;

    @BeforeAll
    static void start() throws Exception {
        aws = AwsServers.start();
        List<String> settings = new ArrayList<>(aws.settings());
        settings.addAll(List.of("facefleet.aws.app-id=one", "facefleet.tiers=web,app", "facefleet.data-dir=" + data,
                "facefleet.web.api-keys=test-key", "facefleet.sqs.wait-time-s=1",
                // poison jobs reach the dead-letter queue after 3 receives, 2 s apart
                "facefleet.sqs.visibility-timeout-s=2", "facefleet.sqs.max-receives=3"));
        service = RunningService.start(settings.toArray(String[]::new));
        service.useApiKey("test-key");
        SeedWorkload.enrolTen(service);
    }

    @AfterAll
    static void stop() throws Exception {
        if (service != null) {
            service.close();
        }
        if (aws != null) {
            aws.close();
        }
    }

    // The storage keys of one seed request: the only place this test names them.
    private static final String INPUT_KEY = "test_013.jpg";
    private static final String LABEL_KEY = "test_013";
    private static final String RESULTS_PREFIX = "results/";

    @Test
    void seedRequestGoesThroughSqsAndS3() throws Exception {
        byte[] image = SeedWorkload.image(13);
        String label = SeedWorkload.label(13);
        HttpResponse<String> r = service.postFile("/", "inputFile", SeedWorkload.stem(13) + ".jpg", image);
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(SeedWorkload.stem(13) + ":" + label, r.body());
        assertEquals(List.of("<" + image.length + " bytes>"), aws.writes("one-in-bucket", INPUT_KEY));
        assertEquals(List.of(label), aws.writes("one-out-bucket", LABEL_KEY));
        List<String> results = aws.writtenKeys("one-data-bucket").stream().filter(k -> k.startsWith(RESULTS_PREFIX))
                .flatMap(k -> aws.writes("one-data-bucket", k).stream()).filter(v -> v.contains("\"label\":\"" + label + "\"")).toList();
        assertEquals(1, results.size(), "the request's JSON result, under its request id in our own bucket");
        assertTrue(aws.writtenKeys("one-data-bucket").stream().filter(k -> k.startsWith("gallery/c/") && k.contains("/log/")).count() == 10,
                "ten enrolments in the shared gallery's log, one entry each: " + aws.writtenKeys("one-data-bucket"));
    }

    @Test
    void poisonJobsEndInTheDeadLetterQueueWithAnErrorReply() throws Exception {
        try (SqsClient sqs = aws.sqsClient()) {
            String replies = sqs.createQueue(r -> r.queueName("poison-replies")).queueUrl();
            String requests = sqs.getQueueUrl(r -> r.queueName("one-req-queue")).queueUrl();
            // a forged job whose key would leave the storage area fails on every worker; a message that is no job is dropped
            sqs.sendMessage(r -> r.queueUrl(requests).messageBody("{\"requestId\":\"poison-1\",\"inputKey\":\"../escape.jpg\","
                    + "\"operation\":\"recognize\",\"replyTo\":\"poison-replies\",\"submittedAt\":1,\"attempt\":1}"));
            sqs.sendMessage(r -> r.queueUrl(requests).messageBody("this is not a job"));
            JsonNode reply = null;
            long deadline = System.currentTimeMillis() + 60_000;
            while (reply == null && System.currentTimeMillis() < deadline) {
                for (var m : sqs.receiveMessage(r -> r.queueUrl(replies).waitTimeSeconds(1)).messages()) {
                    reply = JSON.readTree(m.body());
                }
            }
            assertTrue(reply != null, "an error reply for the poison job");
            assertEquals("poison-1", reply.get("requestId").asText());
            // a job that cannot succeed is answered by the worker at once, not after the dead-letter queue
            assertEquals(422, reply.get("status").asInt(), reply.toString());
            for (String queue : List.of("one-req-queue", "one-req-dlq")) {
                assertEquals(0, aws.awaitEmpty(sqs, queue, 30_000), "nothing left in " + queue);
            }
        }
    }

    @Test
    void subjectsAreListedFromTheSharedGallery() throws Exception {
        HttpResponse<String> r = service.send(java.net.http.HttpRequest.newBuilder(service.uri("/api/v1/subjects")).header("X-API-Key", "test-key"));
        assertEquals(200, r.statusCode(), r.body());
        for (String name : SeedWorkload.people().stream().map(io.facefleet.testing.DemoFaces.Person::label).toList()) {
            assertTrue(r.body().contains("\"" + name + "\""), r.body());
        }
    }
}
