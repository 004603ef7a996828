package io.facefleet.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.facefleet.testing.AwsServers;
import io.facefleet.testing.RunningService;
import io.facefleet.testing.SeedWorkload;
import io.facefleet.testing.TestData;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Faults on the aws path, with app-tier processes from the process fleet and SQS and S3 behind
 * fault proxies: the queue server cut off for 10 s mid-run, the storage server cut off for 10 s
 * mid-run, and the web tier restarted mid-run. Each time every accepted request is answered (the
 * right label, or a clear error for those caught by the restart), no result key gets two
 * different values, and nothing stays in the queues.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultsTest {

    private static final int REQUESTS = 300;
    @TempDir
    static Path data;
    private static AwsServers aws;
    private static RunningService service;
    private static List<String> settings;
    private static SqsClient sqs;
    private static Map<String, String> truth;
    private static Path images;

    @BeforeAll
    static void start() throws Exception {
        images = TestData.dataset("cse546/face_images_1000");
        truth = SeedWorkload.truth("Classification Results on Face Dataset (1000 images).csv");
        aws = AwsServers.startWithFaults();
        settings = new ArrayList<>(aws.settings());
        settings.addAll(List.of("facefleet.aws.app-id=faults", "facefleet.tiers=web,scaling", "facefleet.fleet=process",
                "facefleet.data-dir=" + data, "facefleet.web.api-keys=k", "facefleet.workers.min=2", "facefleet.workers.max=2",
                "facefleet.process.classpath=" + System.getProperty("java.class.path"),
                "facefleet.process.jvm-options=-Xmx768m -Dai.djl.offline=true",
                "facefleet.sqs.visibility-timeout-s=5", "facefleet.sqs.wait-time-s=1"));
        service = startWeb();
        sqs = aws.sqsClient();
        SeedWorkload.enrolTen(service, images, "test_%03d");
        Thread.sleep(1500); // every worker takes in the enrolments (facefleet.gallery.refresh-ms)
    }

    private static RunningService startWeb() throws Exception {
        RunningService s = RunningService.start(settings.toArray(String[]::new));
        s.useApiKey("k");
        return s;
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

    @Test
    @Order(1)
    void theQueueServerGoneFor10SecondsLosesNothing() throws Exception {
        List<String> answers = SeedWorkload.send(service, images, "test_%03d", 0, REQUESTS, answered -> {
            if (answered == 50) {
                outage(() -> aws.sqsFaults().down(), () -> aws.sqsFaults().up());
            }
        });
        assertAllRight(0, answers);
        assertCleanAfterwards();
    }

    @Test
    @Order(2)
    void theStorageServerGoneFor10SecondsLosesNothing() throws Exception {
        List<String> answers = SeedWorkload.send(service, images, "test_%03d", REQUESTS, REQUESTS, answered -> {
            if (answered == 50) {
                outage(() -> aws.s3Faults().down(), () -> aws.s3Faults().up());
            }
        });
        assertAllRight(REQUESTS, answers);
        assertCleanAfterwards();
    }

    @Test
    @Order(3)
    void restartingTheWebTierAnswersEveryAcceptedRequest() throws Exception {
        AtomicInteger restarted = new AtomicInteger();
        Thread[] restart = new Thread[1];
        List<String> answers = SeedWorkload.send(service, images, "test_%03d", 2 * REQUESTS, REQUESTS, answered -> {
            if (answered == 50 && restarted.getAndIncrement() == 0) {
                Thread t = new Thread(() -> {
                    try {
                        service.restart();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                restart[0] = t;
                t.start();
            }
        });
        restart[0].join();
        int right = 0;
        int caught = 0;
        for (int i = 0; i < REQUESTS; i++) {
            String stem = String.format("test_%03d", 2 * REQUESTS + i);
            String a = answers.get(i);
            if (a.equals("200 " + stem + ":" + truth.get(stem))) {
                right++;
            } else {
                // refused while the web tier was down, or cut off by its restart: a clear error, never a wrong label
                assertTrue(a.startsWith("error ") || a.startsWith("503 "), "neither right nor a clear error: " + a);
                caught++;
            }
        }
        System.out.printf("web-tier restart: %d answered right, %d got a clear error%n", right, caught);
        assertTrue(right > 0);
        assertCleanAfterwards();
        HttpResponse<String> after = service.postFile("/", "inputFile", "test_999.jpg", Files.readAllBytes(images.resolve("test_999.jpg")));
        assertEquals("test_999:" + truth.get("test_999"), after.body(), "the restarted web tier serves");
    }

    private static void outage(Runnable down, Runnable up) {
        Thread t = new Thread(() -> {
            down.run();
            try {
                Thread.sleep(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            up.run();
        });
        t.start();
    }

    private static void assertAllRight(int first, List<String> answers) {
        for (int i = 0; i < REQUESTS; i++) {
            String stem = String.format("test_%03d", first + i);
            assertEquals("200 " + stem + ":" + truth.get(stem), answers.get(i));
        }
    }

    /** No result key written with two values, nothing left in the request or dead-letter queue. */
    private static void assertCleanAfterwards() throws InterruptedException {
        for (String key : aws.writtenKeys("faults-out-bucket")) {
            assertEquals(1, new HashSet<>(aws.writes("faults-out-bucket", key)).size(), "one value for " + key);
        }
        assertEquals(0, aws.awaitEmpty(sqs, "faults-req-queue", 30_000), "messages left in the request queue");
        assertEquals(0, aws.messages(sqs, "faults-req-dlq"), "messages in the dead-letter queue");
    }
}
