package io.facefleet.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.facefleet.testing.AwsServers;
import io.facefleet.testing.DemoFaces;
import io.facefleet.testing.RunningService;
import io.facefleet.testing.SqsSends;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/**
 * Only a job's own body crosses the queues: no HTTP header of the client's and no Camel header
 * becomes an SQS message attribute, on requests or on replies. The request queue is made as the
 * stack makes it, with MaximumMessageSize 1024. ElasticMQ accepts that attribute but does not
 * enforce it, so the test measures each message the service sent by SQS's own rule (body plus
 * attribute names, types and values) against the 1024 bytes.
 */
class QueueMessagesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int REQUEST_QUEUE_MAX_BYTES = 1024;
    /** As large a cookie as the HTTP server's 8 KB limit on all request headers leaves room for. */
    private static final String BIG_COOKIE = "session=" + "c".repeat(7600);
    @TempDir
    static Path data;
    private static AwsServers aws;
    private static RunningService service;
    private static final SqsSends sends = new SqsSends();
    private static List<DemoFaces.Person> people;

    @BeforeAll
    static void start() throws Exception {
        people = DemoFaces.people(2);
        aws = AwsServers.start();
        try (SqsClient sqs = aws.sqsClient()) {
            // the stack's queues: the service finds them and leaves their attributes as they are
            String dlqArn = sqs.getQueueAttributes(r -> r.queueUrl(sqs.createQueue(c -> c.queueName("hd-req-dlq")).queueUrl())
                    .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
            sqs.createQueue(r -> r.queueName("hd-req-queue").attributes(Map.of(
                    QueueAttributeName.MAXIMUM_MESSAGE_SIZE, Integer.toString(REQUEST_QUEUE_MAX_BYTES),
                    QueueAttributeName.VISIBILITY_TIMEOUT, "2",
                    QueueAttributeName.REDRIVE_POLICY, "{\"maxReceiveCount\":\"2\",\"deadLetterTargetArn\":\"" + dlqArn + "\"}")));
        }
        List<String> settings = new ArrayList<>(aws.settings());
        settings.addAll(List.of("facefleet.aws.app-id=hd", "facefleet.tiers=web,app", "facefleet.data-dir=" + data,
                "facefleet.web.api-keys=test-key", "facefleet.sqs.wait-time-s=1", "facefleet.web.host-id=hd-web",
                "facefleet.sqs.visibility-timeout-s=2", "facefleet.sqs.max-receives=2"));
        service = RunningService.start(Map.of("sqsSends", sends), settings.toArray(String[]::new));
        service.useApiKey("test-key");
        for (DemoFaces.Person p : people) {
            HttpResponse<String> r = service.postFile("/api/v1/subjects/" + p.label(), "inputFile", p.label() + ".jpg", p.portrait(), browserHeaders());
            assertEquals(200, r.statusCode(), r.body());
        }
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

    /** What a browser with large cookies sends beside the upload. */
    private static Map<String, String> browserHeaders() {
        return Map.of("Cookie", BIG_COOKIE, "User-Agent", "Mozilla/5.0 (X11; Linux x86_64) facefleet-test",
                "X-Request-Trace", "trace-1234", "Accept-Language", "en-GB,en;q=0.9");
    }

    @Test
    void aRequestWithLargeCookiesGoesThroughAndItsMessagesCarryNoAttributes() throws Exception {
        HttpResponse<String> r = service.postFile("/", "inputFile", "query_07.jpg", people.get(1).variant(7), browserHeaders());
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("query_07:" + people.get(1).label(), r.body());

        List<SendMessageRequest> jobs = sends.to("hd-req-queue");
        List<SendMessageRequest> replies = sends.to("hd-resp-queue-hd-web");
        assertTrue(jobs.size() >= 3, "two enrolments and a recognition queued: " + jobs.size());
        assertTrue(replies.size() >= 3, "their replies sent to this host's queue: " + replies.size());
        for (SendMessageRequest m : sends.all()) {
            assertEquals(Map.of(), m.messageAttributes(), "no attributes on a message to " + m.queueUrl());
        }
        for (SendMessageRequest job : jobs) {
            assertTrue(SqsSends.sqsSize(job) <= REQUEST_QUEUE_MAX_BYTES,
                    "a job fits the request queue's 1 KB: " + SqsSends.sqsSize(job) + " bytes");
        }
    }

    @Test
    void aWorkersReplyCarriesNeitherTheJobsAttributesNorItsReplyTo() throws Exception {
        try (SqsClient sqs = aws.sqsClient()) {
            String probe = sqs.createQueue(r -> r.queueName("hd-probe")).queueUrl();
            // a real job as the web tier queued it, sent again with attributes a foreign producer might add
            ObjectNode job = (ObjectNode) JSON.readTree(firstRecognizeJob().messageBody());
            job.put("requestId", "probe-1").put("replyTo", "hd-probe");
            String requests = sqs.getQueueUrl(r -> r.queueName("hd-req-queue")).queueUrl();
            sqs.sendMessage(r -> r.queueUrl(requests).messageBody(job.toString()).messageAttributes(Map.of(
                    "Cookie", MessageAttributeValue.builder().dataType("String").stringValue("session=abc").build(),
                    "facefleetReplyTo", MessageAttributeValue.builder().dataType("String").stringValue("hd-elsewhere").build())));
            Message reply = null;
            long deadline = System.currentTimeMillis() + 60_000;
            while (reply == null && System.currentTimeMillis() < deadline) {
                List<Message> got = sqs.receiveMessage(r -> r.queueUrl(probe).waitTimeSeconds(1).messageAttributeNames("All")).messages();
                reply = got.isEmpty() ? null : got.get(0);
            }
            assertTrue(reply != null, "the worker answered on the job's reply queue");
            JsonNode body = JSON.readTree(reply.body());
            assertEquals("probe-1", body.get("requestId").asText());
            assertEquals(200, body.get("status").asInt(), reply.body());
            assertEquals(Map.of(), reply.messageAttributes(), "the reply carries no attributes");
        }
    }

    @Test
    void aReplyForAWebHostThatHasGoneIsDroppedNotRetried() throws Exception {
        try (SqsClient sqs = aws.sqsClient()) {
            ObjectNode job = (ObjectNode) JSON.readTree(firstRecognizeJob().messageBody());
            job.put("requestId", "gone-1").put("replyTo", "hd-resp-queue-stopped-host");
            String requests = sqs.getQueueUrl(r -> r.queueName("hd-req-queue")).queueUrl();
            sqs.sendMessage(r -> r.queueUrl(requests).messageBody(job.toString()));
            assertEquals(0, aws.awaitEmpty(sqs, "hd-req-queue", 30_000), "the job was done and deleted");
            // retried instead, it would have moved to the dead-letter queue after two receives
            assertEquals(0, aws.messages(sqs, "hd-req-dlq"), "nothing in the dead-letter queue");
            assertFalse(sqs.listQueues(r -> r.queueNamePrefix("hd-resp-queue-stopped")).hasQueueUrls()
                    && !sqs.listQueues(r -> r.queueNamePrefix("hd-resp-queue-stopped")).queueUrls().isEmpty(),
                    "the worker did not create the departed host's queue");
        }
    }

    private static SendMessageRequest firstRecognizeJob() throws Exception {
        for (SendMessageRequest m : sends.to("hd-req-queue")) {
            if ("recognize".equals(JSON.readTree(m.messageBody()).path("operation").asText())) {
                return m;
            }
        }
        HttpResponse<String> r = service.postFile("/", "inputFile", "query_03.jpg", people.get(0).variant(3));
        assertEquals(200, r.statusCode(), r.body());
        return firstRecognizeJob();
    }
}
