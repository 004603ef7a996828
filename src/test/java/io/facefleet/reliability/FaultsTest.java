package io.facefleet.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.facefleet.testing.AwsServers;
import io.facefleet.testing.OneShotHttp;
import io.facefleet.testing.RunningService;
import io.facefleet.testing.SeedWorkload;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
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
 * mid-run, and the web tier restarted mid-run. Each time every accepted request is answered with
 * the right label (during the restart a request may find the port closed, or get 503 while the web
 * tier stops, and is sent again, as a client would; one taken and then cut off fails the test), no
 * result key gets two different values, and nothing stays in the queues.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultsTest {

    private static final int REQUESTS = 200;
    @TempDir
    static Path data;
    private static AwsServers aws;
    private static RunningService service;
    private static List<String> settings;
    private static SqsClient sqs;

    @BeforeAll
    static void start() throws Exception {
        aws = AwsServers.startWithFaults();
        settings = new ArrayList<>(aws.settings());
        settings.addAll(List.of("facefleet.aws.app-id=faults", "facefleet.tiers=web,scaling", "facefleet.fleet=process",
                "facefleet.data-dir=" + data, "facefleet.web.api-keys=k", "facefleet.workers.min=2", "facefleet.workers.max=2",
                "facefleet.process.classpath=" + System.getProperty("java.class.path"),
                "facefleet.process.jvm-options=-Xmx768m -Dai.djl.offline=true",
                "facefleet.sqs.visibility-timeout-s=5", "facefleet.sqs.wait-time-s=1",
                // every request runs the engine (distinct images): on a shared machine a run can outlast the 120 s default
                "facefleet.web.reply-timeout-ms=280000",
                // the restart drains what it holds: on a shared machine 100 jobs may need more than the 20 s default
                "facefleet.web.drain-timeout-ms=200000"));
        service = startWeb();
        sqs = aws.sqsClient();
        SeedWorkload.enrolTen(service);
        // every host GETs the next entry of the gallery's log every facefleet.gallery.s3.poll-ms (250 ms), so every
        // read that starts well after one poll and a GET past the last enrolment sees it: this wait is that bound, not a guess
        Thread.sleep(1500);
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
        List<String> answers = SeedWorkload.send(service, 0, REQUESTS, answered -> {
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
        List<String> answers = SeedWorkload.send(service, REQUESTS, REQUESTS, answered -> {
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
        int first = 2 * REQUESTS;
        AtomicInteger answered = new AtomicInteger();
        AtomicInteger inFlightAtStop = new AtomicInteger(-1);
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        AtomicInteger resetUntaken = new AtomicInteger();
        AtomicInteger unavailable = new AtomicInteger();
        AtomicInteger unrouted = new AtomicInteger();
        AtomicInteger answeredAfterRestart = new AtomicInteger();
        java.util.concurrent.atomic.AtomicBoolean restartedUp = new java.util.concurrent.atomic.AtomicBoolean();
        Thread restart = new Thread(() -> {
            try {
                while (answered.get() < 50) {
                    Thread.sleep(10);
                }
                inFlightAtStop.set(inFlight.get());
                service.restart();
                restartedUp.set(true);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        restart.start();
        java.util.concurrent.ExecutorService clients = java.util.concurrent.Executors.newFixedThreadPool(100);
        List<java.util.concurrent.Future<String>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < REQUESTS; i++) {
                int n = first + i;
                byte[] image = SeedWorkload.image(n);
                answers.add(clients.submit(() -> {
                    // refused while down, reset before it took anything, or 503 while stopping: fine,
                    // and a client tries again; taken and then cut off: a lost request, the test fails
                    long deadline = System.currentTimeMillis() + 120_000;
                    while (true) {
                        OneShotHttp.Answer a;
                        inFlight.incrementAndGet();
                        try {
                            a = OneShotHttp.postFile(service.uri("/").getPort(), "/", "k", SeedWorkload.stem(n) + ".jpg", image);
                        } catch (java.net.ConnectException e) {
                            refused.incrementAndGet();
                            a = null;
                        } catch (java.io.IOException e) {
                            // a connection the closing HTTP server accepted but never read is reset: the
                            // request took nothing (the seed's route stores the upload under its name
                            // first of all, counted at the S3 server), so the client sends it again
                            if (!aws.writes("faults-in-bucket", SeedWorkload.stem(n) + ".jpg").isEmpty()) {
                                return "taken, then cut off: " + e;
                            }
                            resetUntaken.incrementAndGet();
                            a = null;
                        } finally {
                            inFlight.decrementAndGet();
                        }
                        // the restarted tier's port opens a moment before its first route is on the
                        // router (Camel starts the HTTP server before any hook of ours runs): a 404 then,
                        // before it reports started, took nothing; it is counted and sent again
                        boolean notRoutedYet = a != null && a.status() == 404 && !restartedUp.get();
                        if (notRoutedYet) {
                            unrouted.incrementAndGet();
                        }
                        if (a != null && a.status() != 503 && !notRoutedYet) {
                            answered.incrementAndGet();
                            if (restartedUp.get()) {
                                answeredAfterRestart.incrementAndGet();
                            }
                            return a.status() + " " + a.body();
                        }
                        if (a != null) {
                            unavailable.incrementAndGet();
                        }
                        if (System.currentTimeMillis() > deadline) {
                            return "not answered within 2 minutes";
                        }
                        Thread.sleep(200);
                    }
                }));
            }
            for (int i = 0; i < REQUESTS; i++) {
                assertEquals(SeedWorkload.rightAnswer(first + i), answers.get(i).get(), "request " + (first + i));
            }
        } finally {
            clients.shutdownNow();
        }
        restart.join();
        System.out.printf("web-tier restart: %d in flight when it began to stop, all %d answered right; %d refused connections, %d resets"
                        + " of requests that took nothing, %d 503s and %d 404s before the restarted tier's routes were up, retried%n",
                inFlightAtStop.get(), REQUESTS, refused.get(), resetUntaken.get(), unavailable.get(), unrouted.get());
        assertTrue(inFlightAtStop.get() >= 20, "the restart caught many requests in flight: " + inFlightAtStop.get());
        assertTrue(answeredAfterRestart.get() >= 20, "the restarted web tier answered many: " + answeredAfterRestart.get());
        assertCleanAfterwards();
        HttpResponse<String> after = service.postFile("/", "inputFile", "test_999.jpg", SeedWorkload.image(999));
        assertEquals(SeedWorkload.stem(999) + ":" + SeedWorkload.label(999), after.body(), "the restarted web tier serves");
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
            assertEquals(SeedWorkload.rightAnswer(first + i), answers.get(i), "request " + (first + i));
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
