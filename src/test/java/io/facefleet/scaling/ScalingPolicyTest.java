package io.facefleet.scaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ScalingPolicyTest {

    private static final ScalingPolicy.Limits LIMITS = new ScalingPolicy.Limits(1, 4, 2, 5000);

    @ParameterizedTest(name = "visible {0}, in flight {1}, running {2}, idle {3} ms -> {4}")
    @CsvSource({
        // scale out at once to ceil(backlog / 2), capped at 4
        "0, 0, 0, 0, 1",
        "1, 0, 1, 0, 1",
        "3, 0, 1, 0, 2",
        "7, 1, 1, 0, 4",
        "1000, 0, 2, 0, 4",
        // never scale in while work remains
        "1, 0, 4, 0, 4",
        "0, 1, 3, 0, 3",
        // drained: wait out the delay, then go to the minimum
        "0, 0, 4, 4999, 4",
        "0, 0, 4, 5000, 1",
        "0, 0, 1, 60000, 1",
    })
    void table(int visible, int inFlight, int running, long idle, int expected) {
        assertEquals(expected, ScalingPolicy.decide(visible, inFlight, running, idle, LIMITS).desired());
    }

    @Test
    void neverAboveTheMaximumNorBelowTheMinimumOnRandomInputs() {
        Random r = new Random(42);
        for (int i = 0; i < 100_000; i++) {
            int running = r.nextInt(8);
            ScalingPolicy.Decision d = ScalingPolicy.decide(r.nextInt(5000), r.nextInt(10), running, r.nextInt(20000), LIMITS);
            assertTrue(d.desired() >= LIMITS.min() && d.desired() <= LIMITS.max(), d.toString());
            assertTrue(!d.reason().isBlank());
        }
    }

    @Test
    void limitsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> new ScalingPolicy.Limits(3, 2, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new ScalingPolicy.Limits(0, 4, 0, 0));
    }
}
