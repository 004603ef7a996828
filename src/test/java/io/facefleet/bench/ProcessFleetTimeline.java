package io.facefleet.bench;

import io.facefleet.scaling.FleetController;
import io.facefleet.scaling.ScalingPolicy;
import io.facefleet.scaling.FleetLimits;
import io.facefleet.scaling.sim.SimulateCommand;
import io.facefleet.scaling.sim.SimulationReport;
import io.facefleet.scaling.sim.Simulator;
import io.facefleet.scaling.sim.Trace;
import io.facefleet.testing.AwsServers;
import io.facefleet.testing.RunningService;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The process fleet on a real 1000-request burst, next to the simulator's prediction for the same
 * trace and limits. The aws profile runs against ElasticMQ and S3Proxy. The web and scaling tiers
 * are in this JVM; the app tier is in the processes the controller starts from zero. The
 * analysis cache is off, so every image costs a real detection.
 *
 * <p>Writes {@code docs/scaling-process-fleet.png} (measured above, predicted below),
 * {@code docs/scaling-process-fleet.csv} and the marked section of {@code docs/scaling.md}.
 * Run by {@code tools/bench/process-fleet-timeline.sh}.
 */
public final class ProcessFleetTimeline {

    private static final String[] LABELS = {"Paul", "Emily", "Bob", "German", "Emily", "Gerry", "Gerry", "Ranil", "Bill", "Wang"};
    private static final int MAX = 2;
    private static final int THREADS = 8;

    /** Per-job service time of one worker in the measured run: busy time of the fleet over jobs done. */
    private static double measuredServiceMillis;

    private ProcessFleetTimeline() {
    }

    /** One measured second. */
    private record Second(long second, int queued, int desired, int running, int starting, double p50) {
    }

    public static void main(String[] args) throws Exception {
        Path docs = Path.of(args.length > 0 ? args[0] : "docs");
        Path datasets = Path.of(System.getProperty("facefleet.datasets", "../shared/datasets"));
        Path images = datasets.resolve("cse546/face_images_1000");
        Path data = Files.createTempDirectory("facefleet-timeline");
        FleetLimits limits = new FleetLimits(0, MAX, THREADS, 5000, THREADS, 2000, 5000);
        try (AwsServers aws = AwsServers.start()) {
            List<String> settings = new ArrayList<>(aws.settings());
            settings.addAll(List.of("facefleet.aws.app-id=timeline", "facefleet.tiers=web,scaling", "facefleet.fleet=process",
                    "facefleet.data-dir=" + data, "facefleet.web.api-keys=bench",
                    "facefleet.workers.min=0", "facefleet.workers.max=" + MAX, "facefleet.workers.target-per-worker=" + THREADS,
                    "facefleet.sqs.worker-threads=" + THREADS, "facefleet.workers.boot-ms=" + limits.bootMillis(),
                    "facefleet.engine.cache-entries=0",
                    "facefleet.process.classpath=" + System.getProperty("java.class.path"),
                    "facefleet.process.jvm-options=-Xmx1g -Dai.djl.offline=true",
                    "facefleet.sqs.wait-time-s=1",
                    // every request of the burst is answered, however long the queue: no 504s in the figures
                    "facefleet.web.reply-timeout-ms=900000"));
            try (RunningService service = RunningService.start(settings.toArray(String[]::new))) {
                service.useApiKey("bench");
                FleetController controller = service.context().getRegistry().lookupByNameAndType("fleetController", FleetController.class);
                for (int i = 0; i < 10; i++) {
                    String name = String.format("test_%03d.jpg", i);
                    HttpResponse<String> r = service.postFile("/api/v1/subjects/" + LABELS[i], "inputFile", name, Files.readAllBytes(images.resolve(name)));
                    if (r.statusCode() != 200) {
                        throw new IllegalStateException("enrolment failed: " + r.body());
                    }
                }
                waitForZero(controller);
                Simulator.Result measured = burst(service, controller, images, limits);
                Simulator.Setup setup = new Simulator.Setup(SimulateCommand.SERVICE_MILLIS, limits.bootMillis(), 500, limits);
                Simulator.Result predicted = Simulator.run(ScalingPolicy.FACEFLEET, "burst-1000 (125 ms per job, engine benchmark)",
                        Trace.of("burst-1000", 42), setup);
                // the same prediction with the service time this run achieved (web tier, queues and
                // storage share the two cores with the workers here)
                long measuredService = Math.round(measuredServiceMillis);
                Simulator.Result calibrated = Simulator.run(ScalingPolicy.FACEFLEET, "burst-1000 (" + measuredService + " ms per job, as measured)",
                        Trace.of("burst-1000", 42), new Simulator.Setup(measuredService, limits.bootMillis(), 500, limits));
                report(docs, measured, predicted, calibrated);
            }
        }
        System.exit(0);
    }

    private static void waitForZero(FleetController controller) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 120_000;
        while ((controller.getRunning() > 0 || controller.getDraining() > 0) && System.currentTimeMillis() < deadline) {
            Thread.sleep(250);
        }
    }

    private static Simulator.Result burst(RunningService service, FleetController controller, Path images,
                                          FleetLimits limits) throws Exception {
        List<Long> latencies = new CopyOnWriteArrayList<>();
        List<long[]> replies = new CopyOnWriteArrayList<>();
        AtomicInteger wrong = new AtomicInteger();
        List<String> truth = Files.readAllLines(images.getParent().resolve("Classification Results on Face Dataset (1000 images).csv"));
        long start = System.currentTimeMillis();
        List<CompletableFuture<?>> all = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            String stem = String.format("test_%03d", i);
            String expected = stem + ":" + truth.get(i + 1).split(",")[1].strip();
            all.add(service.postFileAsync("/", "inputFile", stem + ".jpg", Files.readAllBytes(images.resolve(stem + ".jpg")))
                    .whenComplete((r, error) -> {
                        long now = System.currentTimeMillis();
                        latencies.add(now - start);
                        replies.add(new long[] {now, now - start});
                        if (error != null || r.statusCode() != 200 || !r.body().equals(expected)) {
                            if (wrong.incrementAndGet() <= 5) {
                                System.out.println("not right: " + stem + " " + (error != null ? error : r.statusCode() + " " + r.body()));
                            }
                        }
                    }));
        }
        List<Second> seconds = new ArrayList<>();
        double workerMillis = 0;
        int peak = 0;
        long lastReply = -1;
        long zeroAt = -1;
        for (long s = 0; s < 900; s++) {
            long tickAt = start + s * 1000;
            Thread.sleep(Math.max(0, tickAt - System.currentTimeMillis()));
            List<Long> inSecond = new ArrayList<>();
            for (long[] r : replies) {
                if (r[0] > tickAt - 1000 && r[0] <= tickAt) {
                    inSecond.add(r[1]);
                }
            }
            int running = controller.getRunning() + controller.getDraining();
            workerMillis += running * 1000.0;
            peak = Math.max(peak, running);
            seconds.add(new Second(s, controller.getVisible(), controller.getDesired(), controller.getRunning() - controller.getStarting(),
                    controller.getStarting(), percentile(inSecond, 50)));
            boolean done = replies.size() == 1000;
            if (done && lastReply < 0) {
                lastReply = replies.stream().mapToLong(r -> r[0]).max().orElse(tickAt);
            }
            if (done && running == 0) {
                zeroAt = tickAt;
                break;
            }
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
        long firstReply = replies.stream().mapToLong(r -> r[0]).min().orElse(start);
        long finalReply = replies.stream().mapToLong(r -> r[0]).max().orElse(start);
        measuredServiceMillis = (double) (finalReply - firstReply) * MAX / Math.max(1, replies.size() - 1);
        List<Simulator.Tick> ticks = seconds.stream().map(x -> new Simulator.Tick(x.second(), x.queued(), x.desired(), x.running(),
                x.starting(), x.p50())).toList();
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        System.out.printf(Locale.ROOT, "measured: %d answered, %d wrong or failed%n", latencies.size(), wrong.get());
        return new Simulator.Result("facefleet, measured (process fleet)", "burst-1000", latencies.size() - wrong.get(),
                percentile(sorted, 50), percentile(sorted, 99), workerMillis / 1000, peak,
                zeroAt < 0 ? Double.NaN : Math.max(0, zeroAt - lastReply) / 1000.0, 1000 - latencies.size() + wrong.get(), 0, ticks);
    }

    private static double percentile(List<Long> values, int p) {
        if (values.isEmpty()) {
            return 0;
        }
        List<Long> v = new ArrayList<>(values);
        Collections.sort(v);
        return v.get(Math.min(v.size() - 1, (int) Math.ceil(p / 100.0 * v.size()) - 1));
    }

    private static void report(Path docs, Simulator.Result measured, Simulator.Result predicted, Simulator.Result calibrated) throws Exception {
        SimulationReport.writeStackedPng(List.of(measured, predicted, calibrated), docs.resolve("scaling-process-fleet.png"));
        StringBuilder csv = new StringBuilder("run,second,queued,desired,running,starting,latency_p50_ms\n");
        for (Simulator.Result r : List.of(measured, predicted, calibrated)) {
            String run = r == measured ? "measured" : r == predicted ? "predicted" : "predicted-calibrated";
            for (Simulator.Tick t : r.timeline()) {
                csv.append(String.format(Locale.ROOT, "%s,%d,%d,%d,%d,%d,%.0f%n", run, t.second(), t.queued(), t.desired(), t.running(),
                        t.starting(), t.latencyP50Millis()));
            }
        }
        Files.writeString(docs.resolve("scaling-process-fleet.csv"), csv);
        String table = String.join("\n",
                "| run | p50 s | p99 s | worker-s | peak | s to zero after last reply | not answered right |",
                "|---|---|---|---|---|---|---|",
                row(measured), row(predicted), row(calibrated));
        System.out.println(table);
        Path doc = docs.resolve("scaling.md");
        String section = "<!-- process-fleet:start -->\n" + table + "\n<!-- process-fleet:end -->";
        String text = Files.readString(doc);
        text = text.contains("process-fleet:start")
                ? text.replaceAll("(?s)<!-- process-fleet:start -->.*<!-- process-fleet:end -->", java.util.regex.Matcher.quoteReplacement(section))
                : text + "\n" + section + "\n";
        Files.writeString(doc, text);
    }

    private static String row(Simulator.Result r) {
        String run = r.policy().startsWith("facefleet,") ? r.policy() : "simulated, " + r.trace();
        return String.format(Locale.ROOT, "| %s | %.2f | %.2f | %.0f | %d | %.1f | %d |", run, r.p50Millis() / 1000,
                r.p99Millis() / 1000, r.workerSeconds(), r.peakWorkers(), r.secondsToMinimumAfterLastReply(), r.lost());
    }
}
