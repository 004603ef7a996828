package io.facefleet.scaling.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.facefleet.scaling.ScalingPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Properties of the default policy, checked by simulation on many random traces. */
class SimulatorTest {

    private static long[] randomTrace(Random r) {
        List<Long> t = new ArrayList<>();
        int bursts = 1 + r.nextInt(6);
        for (int b = 0; b < bursts; b++) {
            long at = r.nextInt(120_000);
            int n = 1 + r.nextInt(400);
            for (int i = 0; i < n; i++) {
                t.add(at + r.nextInt(1 + r.nextInt(20_000)));
            }
        }
        return t.stream().mapToLong(Long::longValue).sorted().toArray();
    }

    @Test
    void onRandomTracesTheDefaultStaysUnderTheMaximumDrainsBusyWorkersAndStopsWithin10Seconds() {
        Random r = new Random(7);
        for (int i = 0; i < 60; i++) {
            long[] trace = randomTrace(r);
            long boot = r.nextBoolean() ? 3000 : 60_000;
            Simulator.Result res = Simulator.run(ScalingPolicy.FACEFLEET, "random-" + i, trace, SimulateCommand.setup(boot, 125));
            assertTrue(res.peakWorkers() <= 20, "peak " + res.peakWorkers());
            assertEquals(0, res.lost(), "every request answered, none lost on scale-in");
            assertEquals(0, res.stoppedBusy(), "no worker stopped while it held a request (busy ones drain)");
            assertEquals(trace.length, res.requests());
            assertTrue(res.secondsToMinimumAfterLastReply() <= 10, "all workers stopped "
                    + res.secondsToMinimumAfterLastReply() + " s after the last reply on trace " + i);
        }
    }

    @Test
    void aSteadyLoadDoesNotMakeTheFleetOscillate() {
        Simulator.Result res = Simulator.run(ScalingPolicy.FACEFLEET, "steady", Trace.steady(12, 300_000, 3), SimulateCommand.setup(3000, 125));
        int changes = 0;
        int last = -1;
        for (Simulator.Tick t : res.timeline()) {
            if (t.second() < 30 || t.second() > 290) {
                continue; // ignore the start and the end of the load
            }
            if (last >= 0 && t.desired() != last) {
                changes++;
            }
            last = t.desired();
        }
        assertTrue(changes <= 6, "desired count changed " + changes + " times in 260 s of steady load");
    }

    @Test
    void theCommandWritesATimelineAndAPlot(@TempDir Path out) throws Exception {
        java.io.ByteArrayOutputStream text = new java.io.ByteArrayOutputStream();
        SimulateCommand.one("burst-100", "seed", 3000, 125, out, new java.io.PrintStream(text));
        assertTrue(text.toString().contains("\"policy\":\"seed\""), text.toString());
        List<String> csv = Files.readAllLines(out.resolve("sim-seed-burst-100.csv"));
        assertEquals("second,queued,desired,running,starting,latency_p50_ms", csv.get(0));
        assertTrue(csv.size() > 3);
        assertTrue(javax.imageio.ImageIO.read(out.resolve("sim-seed-burst-100.png").toFile()).getWidth() > 0);
    }
}
