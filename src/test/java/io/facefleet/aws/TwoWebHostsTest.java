package io.facefleet.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.facefleet.testing.AwsServers;
import io.facefleet.testing.DemoFaces;
import io.facefleet.testing.RunningService;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Two web hosts and one app tier against one ElasticMQ and S3Proxy: each web host answers its
 * own clients through its own reply queue, so no host takes the other's replies; a host that
 * stops cleanly deletes its queue, and the queue of a host that died is swept once its mark is
 * too old. The stack's {@code <id>-resp-queue} is never touched.
 */
class TwoWebHostsTest {

    private static final int REQUESTS_PER_HOST = 40;
    @TempDir
    static Path data;
    private static AwsServers aws;
    private static RunningService app;
    private static RunningService webA;
    private static RunningService webB;
    private static List<DemoFaces.Person> people;

    @BeforeAll
    static void start() throws Exception {
        people = DemoFaces.people(3);
        aws = AwsServers.start();
        try (SqsClient sqs = aws.sqsClient()) {
            // what the stack creates beside the request queues
            sqs.createQueue(r -> r.queueName("two-resp-queue"));
        }
        app = RunningService.start(settings("facefleet.tiers=app").toArray(String[]::new));
        webA = RunningService.start(settings("facefleet.tiers=web", "facefleet.web.host-id=web-a").toArray(String[]::new));
        webB = RunningService.start(settings("facefleet.tiers=web", "facefleet.web.host-id=web.b/2").toArray(String[]::new));
        webA.useApiKey("k");
        webB.useApiKey("k");
        for (DemoFaces.Person p : people) {
            HttpResponse<String> r = webA.postFile("/api/v1/subjects/" + p.label(), "inputFile", p.label() + ".jpg", p.portrait());
            assertEquals(200, r.statusCode(), r.body());
        }
    }

    private static List<String> settings(String... more) {
        List<String> s = new ArrayList<>(aws.settings());
        s.addAll(List.of("facefleet.aws.app-id=two", "facefleet.data-dir=" + data, "facefleet.web.api-keys=k",
                "facefleet.sqs.wait-time-s=1",
                // a reply taken by the wrong host would leave its client waiting: 30 s then 504
                "facefleet.web.reply-timeout-ms=30000",
                // queue settings whose dead-letter answer fits that wait (checked at start)
                "facefleet.sqs.visibility-timeout-s=5", "facefleet.sqs.max-receives=2", "facefleet.backend.retries=2",
                "facefleet.sqs.reply-queue-heartbeat-ms=300", "facefleet.sqs.reply-queue-expiry-s=60"));
        s.addAll(List.of(more));
        return s;
    }

    @AfterAll
    static void stop() throws Exception {
        for (RunningService s : new RunningService[] {webA, webB, app}) {
            if (s != null) {
                s.close();
            }
        }
        if (aws != null) {
            aws.close();
        }
    }

    @Test
    void concurrentClientsOnBothWebHostsAllGetTheirOwnAnswers() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<String>> answers = new ArrayList<>();
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < REQUESTS_PER_HOST; i++) {
                for (String host : List.of("a", "b")) {
                    RunningService web = host.equals("a") ? webA : webB;
                    DemoFaces.Person p = people.get(i % people.size());
                    String stem = host + "_" + i;
                    byte[] image = p.variant(1000L * (host.equals("a") ? 1 : 2) + i);
                    expected.add("200 " + stem + ":" + p.label());
                    answers.add(pool.submit(() -> {
                        HttpResponse<String> r = web.postFile("/", "inputFile", stem + ".jpg", image);
                        return r.statusCode() + " " + r.body();
                    }));
                }
            }
            List<String> got = new ArrayList<>();
            for (Future<String> f : answers) {
                got.add(f.get());
            }
            assertEquals(expected, got, "every client of either host got its own right answer");
            try (SqsClient sqs = aws.sqsClient()) {
                for (String q : List.of("two-resp-queue-web-a", "two-resp-queue-web-b-2")) {
                    assertTrue(exists(sqs, q), "each web host has its own reply queue: " + q);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aStoppedHostsQueueIsDeletedAndADeadHostsQueueIsSwept() throws Exception {
        try (SqsClient sqs = aws.sqsClient()) {
            long now = System.currentTimeMillis() / 1000;
            // a host that died an hour ago, one alive a moment ago, and a queue no web host made
            sqs.createQueue(r -> r.queueName("two-resp-queue-died").tags(Map.of(ReplyQueues.ALIVE_AT, Long.toString(now - 3600))));
            sqs.createQueue(r -> r.queueName("two-resp-queue-alive").tags(Map.of(ReplyQueues.ALIVE_AT, Long.toString(now))));
            sqs.createQueue(r -> r.queueName("two-resp-queue-not-ours"));
            awaitGone(sqs, "two-resp-queue-died");
            for (String q : List.of("two-resp-queue-alive", "two-resp-queue-not-ours", "two-resp-queue", "two-resp-queue-web-a")) {
                assertTrue(exists(sqs, q), q + " is kept");
            }
            String mine = sqs.getQueueUrl(r -> r.queueName("two-resp-queue-web-a")).queueUrl();
            long alive = Long.parseLong(sqs.listQueueTags(r -> r.queueUrl(mine)).tags().get(ReplyQueues.ALIVE_AT));
            assertTrue(now - alive < 30, "web-a marks its queue alive: " + (now - alive) + " s ago");
        }
    }

    @Test
    void aHostStoppedCleanlyDeletesItsQueueAndTheOtherKeepsAnswering() throws Exception {
        RunningService webC = RunningService.start(settings("facefleet.tiers=web", "facefleet.web.host-id=web-c").toArray(String[]::new));
        webC.useApiKey("k");
        try (SqsClient sqs = aws.sqsClient()) {
            HttpResponse<String> r = webC.postFile("/", "inputFile", "c_1.jpg", people.get(0).variant(31));
            assertEquals("c_1:" + people.get(0).label(), r.body());
            assertTrue(exists(sqs, "two-resp-queue-web-c"));
            webC.close();
            webC = null;
            assertTrue(!exists(sqs, "two-resp-queue-web-c"), "web-c deleted its reply queue when it stopped");
            HttpResponse<String> again = webA.postFile("/", "inputFile", "a_after.jpg", people.get(1).variant(32));
            assertEquals("a_after:" + people.get(1).label(), again.body());
        } finally {
            if (webC != null) {
                webC.close();
            }
        }
    }

    private static boolean exists(SqsClient sqs, String queue) {
        return sqs.listQueues(r -> r.queueNamePrefix(queue)).queueUrls().stream().anyMatch(u -> u.endsWith("/" + queue));
    }

    private static void awaitGone(SqsClient sqs, String queue) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 20_000;
        while (exists(sqs, queue) && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
        }
        assertTrue(!exists(sqs, queue), queue + " was swept");
    }
}
