package io.facefleet.scaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WindowedBacklogPolicyTest {

    /** min 1, max 4, 2 jobs per worker targeted, 5 s window, one job at a time, 2 s quiet period, instant boot. */
    private static final FleetLimits LIMITS = new FleetLimits(1, 4, 2, 5000, 1, 2000, 0);

    @ParameterizedTest(name = "visible {0}, in flight {1}, running {2}, starting {3}, {4} ms since arrival, peaks {5}/{6} -> {7}")
    @CsvSource({
        // out at once to ceil(backlog / 2), capped at 4; starting workers count
        "0, 0, 0, 0, 0, 0, 0, 1",
        "3, 0, 1, 0, 0, 3, 0, 2",
        "7, 1, 1, 0, 0, 7, 1, 4",
        "1000, 0, 2, 0, 0, 1000, 0, 4",
        "5, 0, 1, 2, 0, 5, 0, 3",
        // work still arriving: keep what the window's busiest moment needed
        "1, 0, 4, 0, 500, 8, 4, 4",
        "0, 1, 4, 0, 500, 0, 2, 2",
        "0, 0, 4, 0, 1999, 0, 0, 1",
        // nothing arrived for the quiet period: keep the workers the rest occupies, then the minimum
        "0, 3, 4, 0, 3000, 5, 4, 3",
        "2, 1, 4, 0, 2500, 6, 4, 3",
        "0, 0, 4, 0, 2000, 9, 4, 1",
        "0, 0, 1, 0, 60000, 0, 0, 1",
    })
    void table(int visible, int inFlight, int running, int starting, long sinceArrival, int peakVisible, int peakInFlight, int expected) {
        Observation o = new Observation(visible, inFlight, running, starting, 0, 0, sinceArrival, peakVisible, peakInFlight);
        assertEquals(expected, WindowedBacklogPolicy.decide(o, LIMITS).desired());
    }

    @Test
    void slowBootsLengthenTheWindowsButNotPastTheCeiling() {
        FleetLimits ec2 = LIMITS.withBootMillis(60_000);
        assertEquals(60_000, ec2.windowMillis());
        assertEquals(FleetLimits.QUIET_CEILING_MILLIS, ec2.quietWindowMillis());
        Observation quiet5s = new Observation(0, 0, 4, 0, 0, 5000, 5000, 0, 4);
        assertEquals(4, WindowedBacklogPolicy.decide(quiet5s, ec2).desired(), "an EC2 worker is kept through a 5 s lull");
        assertEquals(1, WindowedBacklogPolicy.decide(quiet5s, LIMITS).desired(), "a worker that starts at once is not");
    }

    @Test
    void onRandomInputsTheDecisionStaysInBoundsAndNeverStopsAWorkerHoldingAJob() {
        Random r = new Random(42);
        for (int i = 0; i < 100_000; i++) {
            int running = r.nextInt(8);
            int starting = r.nextInt(3);
            int inFlight = r.nextInt(running + 1);
            int visible = r.nextInt(5000);
            Observation o = new Observation(visible, inFlight, running, starting, r.nextInt(3), 0, r.nextInt(20_000),
                    visible + r.nextInt(50), inFlight + r.nextInt(3));
            WindowedBacklogPolicy.Decision d = WindowedBacklogPolicy.decide(o, LIMITS);
            assertTrue(d.desired() >= LIMITS.min() && d.desired() <= LIMITS.max(), d.toString());
            assertTrue(d.desired() >= Math.min(running + starting, Math.min(LIMITS.max(), inFlight)),
                    "asked to stop a worker that holds a job: " + o + " -> " + d);
            assertTrue(!d.reason().isBlank());
        }
    }

    @Test
    void limitsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> new FleetLimits(3, 2, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new FleetLimits(0, 4, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new FleetLimits(0, 4, 1, 0, 0, 0, 0));
    }
}
