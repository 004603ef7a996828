package io.facefleet.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.facefleet.boot.ServiceMain;
import io.facefleet.boot.Settings;
import io.facefleet.aws.RedeliveryBudget;
import io.facefleet.testing.AwsServers;
import io.facefleet.testing.DemoFaces;
import io.facefleet.testing.FaultProxy;
import io.facefleet.testing.RunningService;
import java.net.URI;
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
 * A job that cannot succeed answers its client with a clear error before the client's wait
 * ends, on the aws profile's routes (the waits between receives and retries are shortened here;
 * the shipped settings' worst case is checked against the reply timeout): a failure
 * that would recur on any worker is answered at once; one that keeps failing as if transient is
 * answered by the dead-letter route within the reply timeout, which start-up checks.
 */
class PoisonJobsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path data;
    private static AwsServers aws;
    private static FaultProxy appStorage;
    private static RunningService web;
    private static RunningService app;

    @BeforeAll
    static void start() throws Exception {
        aws = AwsServers.start();
        String s3 = aws.settings().stream().filter(s -> s.startsWith("facefleet.aws.s3-endpoint=")).findFirst().orElseThrow();
        // the app tier reaches S3 through a line the test can cut; the web tier reaches it directly
        appStorage = new FaultProxy(URI.create(s3.split("=", 2)[1]).getPort());
        List<String> common = new ArrayList<>(aws.settings());
        common.addAll(List.of("facefleet.aws.app-id=poison", "facefleet.web.api-keys=k", "facefleet.data-dir=" + data,
                // a failing job comes back after 5 s rather than the shipped 20, and each receive retries S3 twice
                // (0.5 + 1 s) rather than five times (15.5 s): same receives, same routes, 20 s instead of 66 to the
                // dead letter; the shipped budget is checked by theShippedSettingsAnswerEveryFailingJobBeforeTheClientGivesUp
                "facefleet.sqs.visibility-timeout-s=5", "facefleet.backend.retries=2"));
        List<String> webSettings = new ArrayList<>(common);
        webSettings.add("facefleet.tiers=web");
        web = RunningService.start(webSettings.toArray(String[]::new));
        web.useApiKey("k");
        List<String> appSettings = new ArrayList<>(common);
        appSettings.remove(s3);
        appSettings.addAll(List.of("facefleet.tiers=app", "facefleet.aws.s3-endpoint=http://127.0.0.1:" + appStorage.port()));
        app = RunningService.start(appSettings.toArray(String[]::new));
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {web, app, appStorage, aws}) {
            if (c != null) {
                c.close();
            }
        }
    }

    @Test
    void theShippedSettingsAnswerEveryFailingJobBeforeTheClientGivesUp() {
        Settings s = Settings.load(new String[] {"facefleet.profile=aws"});
        RedeliveryBudget budget = new RedeliveryBudget(s.getInt("facefleet.sqs.max-receives"), s.getInt("facefleet.sqs.visibility-timeout-s"),
                s.getInt("facefleet.backend.retries"), s.getLong("facefleet.backend.retry-delay-ms"),
                s.getLong("facefleet.backend.max-retry-delay-ms"), s.getInt("facefleet.sqs.wait-time-s"));
        assertTrue(budget.worstCaseMillis() < s.getLong("facefleet.web.reply-timeout-ms"),
                budget.worstCaseMillis() + " ms to the dead-letter answer, within " + s.getLong("facefleet.web.reply-timeout-ms"));
    }

    @Test
    void settingsUnderWhichAFailingJobWouldOutlastItsClientAreRefusedAtStart() {
        List<String> settings = new ArrayList<>(aws.settings());
        settings.addAll(List.of("facefleet.aws.app-id=slow", "facefleet.tiers=web", "facefleet.web.api-keys=k",
                "facefleet.data-dir=" + data, "facefleet.sqs.visibility-timeout-s=60", "facefleet.sqs.max-receives=5"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ServiceMain.create(Settings.load(settings.toArray(String[]::new))));
        assertTrue(e.getMessage().contains("facefleet.sqs.max-receives=5") && e.getMessage().contains("facefleet.web.reply-timeout-ms"),
                e.getMessage());
    }

    @Test
    void aJobThatWouldFailOnEveryWorkerIsAnsweredAtOnceNotRedelivered() throws Exception {
        try (SqsClient sqs = aws.sqsClient()) {
            String replies = sqs.createQueue(r -> r.queueName("poison-direct-replies")).queueUrl();
            String requests = sqs.getQueueUrl(r -> r.queueName("poison-req-queue")).queueUrl();
            // a forged job whose image key would leave the storage area: every worker refuses it
            sqs.sendMessage(r -> r.queueUrl(requests).messageBody("{\"requestId\":\"escaping-key\",\"imageKey\":\"../escape.jpg\","
                    + "\"operation\":\"recognize\",\"replyTo\":\"poison-direct-replies\",\"submittedAt\":1,\"attempt\":1}"));
            JsonNode reply = null;
            long deadline = System.currentTimeMillis() + 60_000;
            while (reply == null && System.currentTimeMillis() < deadline) {
                for (var m : sqs.receiveMessage(r -> r.queueUrl(replies).waitTimeSeconds(1)).messages()) {
                    reply = JSON.readTree(m.body());
                }
            }
            assertTrue(reply != null, "an error reply");
            assertEquals("escaping-key", reply.get("requestId").asText());
            // the worker's own answer (the dead-letter route answers 500 "failed repeatedly")
            assertEquals(422, reply.get("status").asInt(), reply.toString());
            assertTrue(reply.get("error").asText().contains("unsafe storage key"), reply.toString());
            assertEquals(0, aws.awaitEmpty(sqs, "poison-req-queue", 30_000), "the job was deleted, not left for redelivery");
            assertEquals(0, aws.messages(sqs, "poison-req-dlq"), "nothing went to the dead-letter queue");
        }
    }

    @Test
    void aJobFailingOnEveryReceiveIsAnsweredByTheDeadLetterRouteBeforeTheReplyTimeout() throws Exception {
        appStorage.down();
        try {
            DemoFaces.Person p = DemoFaces.people().get(0);
            // the web tier stores the image and queues the job; the app tier can never read it
            HttpResponse<String> r = web.postFile("/", "inputFile", "unlucky.jpg", p.variant(77));
            assertEquals(500, r.statusCode(), "a clear error from the dead-letter route, not a 504: " + r.body());
            assertTrue(r.body().contains("failed on it repeatedly"), r.body());
        } finally {
            appStorage.up();
        }
        try (SqsClient sqs = aws.sqsClient()) {
            assertEquals(0, aws.awaitEmpty(sqs, "poison-req-dlq", 30_000), "the dead letter was answered and deleted");
        }
    }
}
