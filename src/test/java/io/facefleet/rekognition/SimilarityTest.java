package io.facefleet.rekognition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The distance-to-Similarity curve: monotone, 80 exactly at the threshold, thresholds that round-trip. */
class SimilarityTest {

    private final Similarity s = new Similarity(0.6);

    @Test
    void eightyIsFaceApisRule() {
        assertEquals(80, s.of(0.6), 0.01);
        assertEquals(0.6, s.maxDistance(80), 1e-9);
        for (double d = 0; d < 1.5; d += 0.005) {
            // the SDKs' default threshold (80) says "same person" exactly where distance < 0.6 does
            assertEquals(d <= 0.6, d <= s.maxDistance(80), "at " + d);
            assertTrue(s.of(d) >= s.of(d + 0.005), "monotone at " + d);
            assertTrue(s.of(d) >= 0 && s.of(d) <= 100);
        }
    }

    @Test
    void thresholdsRoundTrip() {
        for (double t = 1; t < 100; t += 1) {
            assertEquals(t, s.of(s.maxDistance(t)), 1e-3, "threshold " + t);
        }
        assertEquals(Double.POSITIVE_INFINITY, s.maxDistance(0));
        assertEquals(Double.NEGATIVE_INFINITY, s.maxDistance(100));
        // the calibration's anchor: the median same-person distance of the labelled sets is 99 (docs/accuracy.md)
        assertEquals(99, s.of(0.6 - Similarity.WIDTH * Math.log(99.0 / 4.0)), 0.01);
    }
}
