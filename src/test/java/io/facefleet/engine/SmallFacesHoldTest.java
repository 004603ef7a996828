package io.facefleet.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.facefleet.bench.SmallFaceStability;
import io.facefleet.testing.TestData;
import org.junit.jupiter.api.Test;

/**
 * Small faces hold: the seed's ten 64x64 crops enrolled, then variants a person would call the
 * same photo (up to 2 px shift, up to 5 % brighter or darker, re-encoded as JPEG at quality
 * 0.70-0.95; generated here from a fixed seed) are named right at least 99.5 % of the time,
 * through the face service and the real engine. CI runs the first {@link #VARIANTS} of the
 * thousand that tools/bench/small-faces.sh measures. Skips where the seed's crops are absent.
 */
class SmallFacesHoldTest {

    /**
     * Variants sent from two threads: 200 took 53-72 s on the 2 cores shared with other agents
     * (load 3-6; 300 took 92 s); at 99.5 % at most one of 200 may miss, the fewest variants for
     * which that holds. The full 1000 run in tools/bench/small-faces.sh.
     */
    static final int VARIANTS = 200;
    static final double RATE = 0.995;

    @Test
    void variantsOfTheSeedsTinyFacesAreNamedRight() throws Exception {
        SmallFaceStability.Result r = SmallFaceStability.run(TestData.engine(), VARIANTS, 2);
        r.misses().forEach(System.out::println);
        System.out.printf("small faces: %d of %d variants named right, %.1f ms per image%n", r.right(), r.total(), r.msPerImage());
        assertTrue(r.right() >= Math.ceil(RATE * r.total()),
                r.right() + " of " + r.total() + " named right, below " + RATE + ": " + r.misses());
    }
}
