package io.facefleet.compreface;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The distance to similarity mapping: 0.5 at the gallery threshold, falling with distance, and the bars it implies. */
class CompreFaceSimilarityTest {

    private final CompreFaceSimilarity s = new CompreFaceSimilarity(0.6, 0.056);

    @Test
    void halfAtTheThresholdAndFallingWithDistance() {
        assertEquals(0.5, s.of(0.6), 1e-9);
        double previous = 1.0;
        for (double d = 0; d <= 1.5; d += 0.01) {
            double v = s.of(d);
            assertTrue(v <= previous && v >= 0 && v <= 1, d + " -> " + v);
            previous = v;
        }
        assertTrue(s.of(0.42) > 0.95, "a typical same-person distance is a confident match");
        assertTrue(s.of(0.9) < 0.01, "a typical stranger is near 0");
    }

    @Test
    void doubleTakesDefaultBarsReadAsDistances() {
        // Double Take: a match at 60 %, a name shown at 40 %
        assertEquals(0.577, s.distanceAt(0.60), 0.001);
        assertEquals(0.623, s.distanceAt(0.40), 0.001);
        for (double bar : new double[] {0.1, 0.4, 0.5, 0.6, 0.9, 0.99}) {
            assertEquals(bar, s.of(s.distanceAt(bar)), 1e-4);
        }
    }

    @Test
    void refusesMeaninglessSettings() {
        assertThrows(IllegalArgumentException.class, () -> new CompreFaceSimilarity(0.6, 0));
        assertThrows(IllegalArgumentException.class, () -> new CompreFaceSimilarity(0, 0.05));
    }
}
