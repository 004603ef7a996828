package io.facefleet.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.facefleet.scaling.FleetController;
import io.facefleet.scaling.ProcessFleet;
import io.facefleet.testing.AwsServers;
import io.facefleet.testing.RunningService;
import io.facefleet.testing.SeedWorkload;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
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
 * started by the process fleet → S3 → reply queue → HTTP, against ElasticMQ and S3Proxy. Each
 * worker process traces the jobs its worker route takes into its own log, so the test sees which
 * process served which job. Then, mid-run, the process that has just stored a job's result (and
 * not yet deleted the job) is killed with SIGKILL: the job reappears, a new process answers it from
 * the stored result, every request is still answered right, every result key is written once, and
 * the queues end empty.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProcessFleetTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Requests of the kill run. */
    private static final int KILL_RUN = 260;
    @TempDir
    static Path data;
    private static AwsServers aws;
    private static RunningService service;
    private static SqsClient sqs;
    /** The log of the process {@link #processHolding} found. */
    private static final AtomicReference<Path> holdingLog = new AtomicReference<>();

    @BeforeAll
    static void start() throws Exception {
        aws = AwsServers.start();
        List<String> settings = new ArrayList<>(aws.settings());
        settings.addAll(List.of("facefleet.aws.app-id=fleet", "facefleet.tiers=web,scaling", "facefleet.fleet=process",
                "facefleet.data-dir=" + data, "facefleet.web.api-keys=test-key",
                "facefleet.workers.min=2", "facefleet.workers.max=3",
                "facefleet.process.classpath=" + System.getProperty("java.class.path"),
                // each worker process (not this host) logs every exchange with its job (see takesAJob)
                "facefleet.process.jvm-options=-Xmx768m -Dai.djl.offline=true -Dcamel.main.tracing=true -Dcamel.main.tracingTemplates=true",
                // a killed worker's jobs reappear after 5 s (workers extend it while they hold a job)
                "facefleet.sqs.visibility-timeout-s=5", "facefleet.sqs.wait-time-s=1",
                // every request runs the engine (distinct images): on a shared machine a run can outlast the 120 s default
                "facefleet.web.reply-timeout-ms=280000"));
        service = RunningService.start(settings.toArray(String[]::new));
        service.useApiKey("test-key");
        sqs = aws.sqsClient();
        SeedWorkload.enrolTen(service);
        // every host GETs the next entry of the gallery's log every facefleet.gallery.s3.poll-ms (250 ms), so every
        // read that starts well after one poll and a GET past the last enrolment sees it: this wait is that bound, not a guess
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

    private static ProcessFleet fleet() {
        FleetController c = service.context().getRegistry().lookupByNameAndType("fleetController", FleetController.class);
        return (ProcessFleet) c.driver();
    }

    @Test
    @Order(1)
    void hundredConcurrentSeedRequestsThroughSeveralProcesses() throws Exception {
        assertTrue(fleet().processes().size() >= 2, "the minimum of two app-tier processes runs");
        List<String> answers = SeedWorkload.send(service, 0, 100, null);
        for (int i = 0; i < 100; i++) {
            assertEquals(SeedWorkload.rightAnswer(i), answers.get(i));
        }
        for (int i = 0; i < 100; i++) {
            assertEquals(1, aws.writes("fleet-in-bucket", SeedWorkload.stem(i) + ".jpg").size(), "input object " + i);
            assertEquals(List.of(SeedWorkload.label(i)), aws.writes("fleet-out-bucket", SeedWorkload.stem(i)), "output object " + i);
        }
        Map<String, Long> served = jobsTakenPerLog();
        assertTrue(served.values().stream().filter(n -> n > 0).count() >= 2, "more than one process served: " + served);
        assertTrue(served.values().stream().mapToLong(Long::longValue).sum() >= 100 + SeedWorkload.PEOPLE,
                "the logs show every job taken (ten enrolments, 100 requests): " + served);
        assertQueuesDrain();
    }

    @Test
    @Order(2)
    void killingAWorkerMidJobLosesNothing() throws Exception {
        // the 150th answer arms the hold: the next job result stored holds its writer until the kill
        AtomicReference<CompletableFuture<AwsServers.HeldWrite>> held = new AtomicReference<>();
        AtomicReference<Long> killedPid = new AtomicReference<>();
        AtomicReference<String> killedJob = new AtomicReference<>();
        Thread killer = new Thread(() -> {
            try {
                while (held.get() == null) {
                    Thread.sleep(20);
                }
                AwsServers.HeldWrite w = held.get().get(60, TimeUnit.SECONDS);
                String requestId = JSON.readTree(w.body()).get("requestId").asText();
                ProcessHandle victim = processHolding(requestId);
                killedJob.set(requestId);
                killedPid.set(victim.pid());
                victim.destroyForcibly();
                victim.onExit().get(30, TimeUnit.SECONDS);
                w.release(); // the answer goes to a dead process
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        killer.start();
        List<String> answers = SeedWorkload.send(service, 1000, KILL_RUN, answered -> {
            if (answered == 150) {
                held.compareAndSet(null, aws.holdNextWrite("fleet-data-bucket", body -> body.contains("\"requestId\"") && body.contains("\"label\"")));
            }
        });
        killer.join(60_000);
        assertTrue(killedPid.get() != null, "a worker process was killed while it held a job whose result it had stored");
        // the jobs the killed process took (its worker route traced each job's body)
        String tookJobs = String.join("\n", read(holdingLog.get()));
        for (int i = 0; i < KILL_RUN; i++) {
            int n = 1000 + i;
            assertEquals(SeedWorkload.rightAnswer(n), answers.get(i));
            List<String> outputs = aws.writes("fleet-out-bucket", SeedWorkload.stem(n));
            // a job the killed process had taken may have written its seed output and died before its
            // result (the commit record): run again, it writes the same label once more; any other
            // job writes it exactly once
            boolean onKilledProcess = tookJobs.contains("\"" + SeedWorkload.stem(n) + ".jpg\"");
            assertTrue(outputs.size() == 1 || onKilledProcess && !outputs.isEmpty(), "output " + n + " written once: " + outputs);
            assertTrue(outputs.stream().allMatch(SeedWorkload.label(n)::equals), "output " + n + " right: " + outputs);
        }
        for (String key : aws.writtenKeys("fleet-data-bucket").stream().filter(k -> k.startsWith("results/")).toList()) {
            assertEquals(1, aws.writes("fleet-data-bucket", key).size(), key + " written once");
        }
        assertQueuesDrain();
        assertTrue(fleet().processes().stream().noneMatch(p -> p.pid() == killedPid.get()), "the killed process was replaced");
        List<String> fromStorage = logLines(l -> l.contains("answering from storage"));
        assertTrue(fromStorage.stream().anyMatch(l -> l.contains(killedJob.get())),
                "the killed process's job was answered from its stored result: " + fromStorage);
        System.out.printf("kill -9 run: %d sent, all answered right; job %s of pid %d answered from storage%n",
                KILL_RUN, killedJob.get(), killedPid.get());
    }

    /** The live process whose log shows it took the job {@code requestId} (waits for the line). */
    private static ProcessHandle processHolding(String requestId) throws Exception {
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            for (Path log : logs()) {
                if (read(log).stream().anyMatch(l -> l.contains(requestId))) {
                    holdingLog.set(log);
                    String worker = log.getFileName().toString().replace("app-tier-", "").replace(".log", "");
                    return fleet().processes().stream()
                            .filter(p -> commandLine(p).contains("\0facefleet.worker-name=" + worker + "\0"))
                            .findFirst().orElseThrow(() -> new IllegalStateException(worker + " is not a live process"));
                }
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("no process log shows job " + requestId);
    }

    /**
     * A process's whole command line, NUL-separated, from Linux's /proc (ProcessHandle.Info gives
     * nothing, or the first 4 KiB, for a command line as long as a Maven test classpath).
     */
    private static String commandLine(ProcessHandle p) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(p.pid()), "cmdline")), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            return "";
        }
    }

    /** Jobs each process's worker route took (the tracer's first line of each exchange), by log. */
    private static Map<String, Long> jobsTakenPerLog() throws Exception {
        Map<String, Long> taken = new TreeMap<>();
        for (Path log : logs()) {
            taken.put(log.getFileName().toString(), read(log).stream().filter(ProcessFleetTest::takesAJob).count());
        }
        return taken;
    }

    /** A tracer line of the worker route at its start, showing the job it took. */
    private static boolean takesAJob(String line) {
        return line.contains("*-->") && line.contains("[worker") && line.contains("\"requestId\"");
    }

    /** A log being written: its last line may be cut in the middle of a character. */
    private static List<String> read(Path log) throws Exception {
        return new String(Files.readAllBytes(log), java.nio.charset.StandardCharsets.UTF_8).lines().toList();
    }

    private static List<Path> logs() throws Exception {
        try (var files = Files.list(data.resolve("logs"))) {
            return files.sorted().toList();
        }
    }

    private static List<String> logLines(java.util.function.Predicate<String> which) throws Exception {
        List<String> lines = new ArrayList<>();
        for (Path log : logs()) {
            read(log).stream().filter(which).forEach(lines::add);
        }
        return lines;
    }

    /** Nothing waits or is held in the request queue, and nothing reached the dead-letter queue. */
    private static void assertQueuesDrain() throws InterruptedException {
        assertEquals(0, aws.awaitEmpty(sqs, "fleet-req-queue", 15_000), "messages left in the request queue");
        assertEquals(0, aws.messages(sqs, "fleet-req-dlq"), "messages in the dead-letter queue");
    }
}
