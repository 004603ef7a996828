package io.facefleet.scaling;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScalingPolicyTest {

    private static final FleetLimits L = new FleetLimits(0, 20, 5, 5000);

    @ParameterizedTest(name = "{0}: visible {1}, in flight {2}, running {3}, starting {4}, idle {5} ms -> {6}")
    @CsvSource({
        "seed, 7, 0, 0, 0, 0, 7",
        "seed, 1000, 0, 3, 0, 0, 20",
        "seed, 0, 4, 4, 0, 0, 0",            // the seed's rule ignores work in flight
        "keda, 7, 3, 0, 0, 0, 2",            // ceil(10 / 5)
        "keda, 0, 0, 4, 0, 1000, 4",         // cool-down not over
        "keda, 0, 0, 4, 0, 5000, 0",
        "target-tracking, 100, 0, 2, 2, 0, 10", // target backlog 10 per instance (1250 ms / 125 ms)
        "target-tracking, 10, 0, 8, 0, 0, 8",   // would shrink: waits for the cool-down
        "facefleet, 0, 1, 6, 0, 0, 1",          // work just arrived, only one worker busy: shed the idle five
        "facefleet, 11, 0, 0, 0, 0, 3",
    })
    void table(String policy, int visible, int inFlight, int running, int starting, long idle, int expected) {
        ScalingPolicy p = ScalingPolicy.all(125).stream().filter(x -> x.name().equals(policy)).findFirst().orElseThrow();
        assertEquals(expected, p.desired(new Observation(visible, inFlight, running, starting, idle), L));
    }
}
