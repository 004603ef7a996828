package io.facefleet.gallery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DistanceCurveTest {

    @Test
    void theThresholdScoresItsAnchorAndABarReadsBackAsItsDistance() {
        for (double[] anchors : new double[][] {{100, 80}, {1, 0.5}, {10, 2}}) {
            DistanceCurve c = new DistanceCurve(0.6, 0.07, anchors[0], anchors[1]);
            assertEquals(anchors[1], c.of(0.6), 1e-5);
            assertEquals(0.6, c.distanceAt(anchors[1]), 1e-9);
            double previous = Double.MAX_VALUE;
            for (double d = 0; d <= 1.5; d += 0.05) {
                double s = c.of(d);
                assertTrue(s <= previous && s >= 0 && s < anchors[0], "falls from top to 0, at " + d);
                previous = s;
                if (s > 0.001 * anchors[0] && s < 0.999 * anchors[0]) {
                    assertEquals(d, c.distanceAt(s), 1e-3, "inverse at " + d);
                }
            }
        }
    }

    @Test
    void barsOutsideTheScoreRangeLetAllOrNothingThrough() {
        DistanceCurve c = new DistanceCurve(0.6, 0.07, 100, 80);
        assertEquals(Double.POSITIVE_INFINITY, c.distanceAt(0));
        assertEquals(Double.NEGATIVE_INFINITY, c.distanceAt(100));
    }

    @Test
    void refusesCurvesThatCannotHoldTheRule() {
        assertThrows(IllegalArgumentException.class, () -> new DistanceCurve(0, 0.07, 100, 80));
        assertThrows(IllegalArgumentException.class, () -> new DistanceCurve(0.6, 0, 100, 80));
        assertThrows(IllegalArgumentException.class, () -> new DistanceCurve(0.6, 0.07, 100, 100));
        assertThrows(IllegalArgumentException.class, () -> new DistanceCurve(0.6, 0.07, 1, 0));
    }
}
