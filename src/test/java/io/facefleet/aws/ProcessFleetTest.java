package io.facefleet.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.facefleet.scaling.FleetController;
import io.facefleet.scaling.ProcessWorkers;
import io.facefleet.testing.AwsServers;
import io.facefleet.testing.RunningService;
import io.facefleet.testing.SeedWorkload;
import io.facefleet.testing.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * The full aws path with real scale-out on one machine: HTTP → S3 → SQS → app-tier JVM processes
 * started by the process fleet → S3 → reply queue → HTTP, against ElasticMQ and S3Proxy. Then a
 * worker process is killed with SIGKILL in the middle of a 1000-request run: every request is
 * still answered right, every result key is written once, and the queues end empty.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProcessFleetTest {

    @TempDir
    static Path data;
    private static AwsServers aws;
    private static RunningService service;
    private static SqsClient sqs;

    @BeforeAll
    static void start() throws Exception {
        Path images = TestData.dataset("cse546/face_images_100");
        aws = AwsServers.start();
        List<String> settings = new ArrayList<>(aws.settings());
        settings.addAll(List.of("facefleet.aws.app-id=fleet", "facefleet.tiers=web,scaling", "facefleet.fleet=process",
                "facefleet.data-dir=" + data, "facefleet.web.api-keys=test-key",
                "facefleet.workers.min=2", "facefleet.workers.max=3",
                "facefleet.process.classpath=" + System.getProperty("java.class.path"),
                "facefleet.process.jvm-options=-Xmx768m -Dai.djl.offline=true",
                // a killed worker's jobs reappear after 5 s (workers extend it while they hold a job)
                "facefleet.sqs.visibility-timeout-s=5", "facefleet.sqs.wait-time-s=1"));
        service = RunningService.start(settings.toArray(String[]::new));
        service.useApiKey("test-key");
        sqs = aws.sqsClient();
        SeedWorkload.enrolTen(service, images, "test_%02d");
        // every worker takes in the others' enrolments within facefleet.gallery.refresh-ms (1 s)
        Thread.sleep(1500);
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

    private static ProcessWorkers fleet() {
        FleetController c = service.context().getRegistry().lookupByNameAndType("workerFleet", FleetController.class);
        return (ProcessWorkers) c.driver();
    }

    @Test
    @Order(1)
    void hundredConcurrentSeedRequestsThroughSeveralProcesses() throws Exception {
        Path images = TestData.dataset("cse546/face_images_100");
        Map<String, String> truth = SeedWorkload.truth("Classification Results on Face Dataset (100 images).csv");
        assertTrue(fleet().processes().size() >= 2, "the minimum of two app-tier processes runs");
        List<String> answers = SeedWorkload.send(service, images, "test_%02d", 0, 100, null);
        for (int i = 0; i < 100; i++) {
            String stem = String.format("test_%02d", i);
            assertEquals("200 " + stem + ":" + truth.get(stem), answers.get(i));
            assertEquals(1, aws.writes("fleet-in-bucket", stem + ".jpg").size(), "input object " + stem + ".jpg");
            assertEquals(List.of(truth.get(stem)), aws.writes("fleet-out-bucket", stem), "output object " + stem);
        }
        assertQueuesDrain();
    }

    @Test
    @Order(2)
    void killingAWorkerMidRunLosesNothing() throws Exception {
        Path images = TestData.dataset("cse546/face_images_1000");
        Map<String, String> truth = SeedWorkload.truth("Classification Results on Face Dataset (1000 images).csv");
        AtomicInteger killedPid = new AtomicInteger();
        List<String> answers = SeedWorkload.send(service, images, "test_%03d", 0, 1000, answered -> {
            if (answered == 150) {
                ProcessHandle victim = fleet().processes().get(0);
                killedPid.set((int) victim.pid());
                victim.destroyForcibly();
            }
        });
        assertTrue(killedPid.get() > 0, "a worker process was killed");
        for (int i = 0; i < 1000; i++) {
            String stem = String.format("test_%03d", i);
            assertEquals("200 " + stem + ":" + truth.get(stem), answers.get(i));
            assertEquals(List.of(truth.get(stem)), aws.writes("fleet-out-bucket", stem), "output " + stem + " written once, right");
        }
        List<String> results = aws.writtenKeys("fleet-data-bucket").stream().filter(k -> k.startsWith("results/")).toList();
        for (String key : results) {
            assertEquals(1, aws.writes("fleet-data-bucket", key).size(), "result " + key + " written once");
        }
        assertQueuesDrain();
        assertTrue(fleet().processes().stream().noneMatch(p -> p.pid() == killedPid.get()), "the killed process was replaced");
        long fromStorage = 0;
        try (var logs = Files.list(data.resolve("logs"))) {
            for (Path log : logs.toList()) {
                fromStorage += Files.readAllLines(log).stream().filter(l -> l.contains("answering from storage")).count();
            }
        }
        System.out.printf("kill -9 run: 1000 sent, 1000 answered right, 0 lost; %d redelivered jobs answered from stored results%n", fromStorage);
    }

    /** Nothing waits or is held in the request queue, and nothing reached the dead-letter queue. */
    private static void assertQueuesDrain() throws InterruptedException {
        assertEquals(0, aws.awaitEmpty(sqs, "fleet-req-queue", 15_000), "messages left in the request queue");
        assertEquals(0, aws.messages(sqs, "fleet-req-dlq"), "messages in the dead-letter queue");
    }
}
