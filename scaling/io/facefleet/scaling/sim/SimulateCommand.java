package io.facefleet.scaling.sim;

import io.facefleet.scaling.ScalingPolicy;
import io.facefleet.scaling.FleetLimits;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code simulate --trace T --policy P}: one run, a JSON line, its CSV and PNG; {@code simulate
 * all}: every policy on every trace with JVM (3 s) and EC2 (60 s) boot times, as docs/scaling.md.
 */
public final class SimulateCommand {

    /** Per-request service time of one worker: 64x64 seed images, 2 workers x 1 thread (docs/benchmarks.md). */
    public static final long SERVICE_MILLIS = 125;
    public static final FleetLimits FLEET = new FleetLimits(0, 20, 5, 5000);
    private static final long SEED = 42;

    private SimulateCommand() {
    }

    public static Simulator.Setup setup(long bootMillis, long serviceMillis) {
        return new Simulator.Setup(serviceMillis, bootMillis, 1000, FLEET.withBootMillis(bootMillis));
    }

    public static ScalingPolicy policy(String name, long serviceMillis) {
        return ScalingPolicy.all(serviceMillis).stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown policy " + name + "; one of "
                        + ScalingPolicy.all(serviceMillis).stream().map(ScalingPolicy::name).toList()));
    }

    /** One run: prints its summary and writes {@code <out>/sim-<policy>-<trace>.csv|png}. */
    public static int one(String trace, String policyName, long bootMillis, long serviceMillis, Path out, PrintStream stdout)
            throws IOException {
        Simulator.Result r = Simulator.run(policy(policyName, serviceMillis), trace, Trace.of(trace, SEED), setup(bootMillis, serviceMillis));
        String stem = "sim-" + r.policy() + "-" + trace;
        SimulationReport.writeCsv(r, out.resolve(stem + ".csv"));
        SimulationReport.writePng(r, out.resolve(stem + ".png"));
        stdout.println(String.format(Locale.ROOT,
                "{\"policy\":\"%s\",\"trace\":\"%s\",\"requests\":%d,\"p50Seconds\":%.2f,\"p99Seconds\":%.2f,\"workerSeconds\":%.0f,"
                        + "\"peakWorkers\":%d,\"secondsToMinimumAfterLastReply\":%.1f,\"lost\":%d,\"csv\":\"%s\",\"png\":\"%s\"}",
                r.policy(), trace, r.requests(), r.p50Millis() / 1000, r.p99Millis() / 1000, r.workerSeconds(), r.peakWorkers(),
                r.secondsToMinimumAfterLastReply(), r.lost(), out.resolve(stem + ".csv"), out.resolve(stem + ".png")));
        return 0;
    }

    /** The comparison table of every policy on every trace, written into {@code <out>/scaling.md}'s marked section. */
    public static int all(Path out, PrintStream stdout) throws IOException {
        List<String> rows = new ArrayList<>();
        rows.add("| trace | boot | policy | p50 s | p99 s | worker-s | peak | s to zero after last reply | lost |");
        rows.add("|---|---|---|---|---|---|---|---|---|");
        for (String trace : Trace.NAMES) {
            for (long boot : new long[] {3000, 60_000}) {
                for (ScalingPolicy p : ScalingPolicy.all(SERVICE_MILLIS)) {
                    Simulator.Result r = Simulator.run(p, trace, Trace.of(trace, SEED), setup(boot, SERVICE_MILLIS));
                    rows.add(SimulationReport.markdownRow(r, boot == 3000 ? "3 s (JVM)" : "60 s (EC2)"));
                }
            }
        }
        Simulator.Result plot = Simulator.run(ScalingPolicy.FACEFLEET, "burst-1000", Trace.of("burst-1000", SEED), setup(60_000, SERVICE_MILLIS));
        SimulationReport.writePng(plot, out.resolve("scaling-facefleet-burst-1000.png"));
        SimulationReport.writeCsv(plot, out.resolve("scaling-facefleet-burst-1000.csv"));
        String table = String.join("\n", rows);
        Path doc = out.resolve("scaling.md");
        String section = "<!-- simulate-all:start -->\n" + table + "\n<!-- simulate-all:end -->";
        String text = Files.exists(doc) ? Files.readString(doc) : "# Scaling\n\n" + section + "\n";
        text = text.replaceAll("(?s)<!-- simulate-all:start -->.*<!-- simulate-all:end -->", java.util.regex.Matcher.quoteReplacement(section));
        if (!text.contains("simulate-all:start")) {
            text = text + "\n" + section + "\n";
        }
        Files.writeString(doc, text);
        stdout.println(table);
        return 0;
    }
}
