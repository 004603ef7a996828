package io.facefleet.engine.nets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.facefleet.engine.weights.ModelFiles;
import io.facefleet.testing.TestData;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The anchor generator is TensorFlow's multiple-grid generator as the detector was trained with:
 * it reproduces the 5118 anchors stored in the weights, gives the grids the network's feature maps
 * have at smaller inputs, and a window's anchors are the stored anchors of the cells it covers.
 */
class SsdAnchorsTest {

    private static final float TOLERANCE = 1e-6f;

    @Test
    void reproducesTheStoredAnchorsAt512() {
        float[] stored = ModelFiles.bundled().load(ModelFiles.DETECTOR).get("Output/extra_dim").values();
        assertArrayEquals(stored, SsdAnchors.generate(512), TOLERANCE);
        assertArrayEquals(stored, SsdAnchors.window(512, 0, 0), TOLERANCE);
    }

    @Test
    void gridsOfSmallerInputsAreTheNetworksFeatureMaps() {
        assertArrayEquals(new int[] {32, 16, 8, 4, 2, 1}, SsdAnchors.gridSides(512));
        assertArrayEquals(new int[] {20, 10, 5, 3, 2, 1}, SsdAnchors.gridSides(320));
        assertArrayEquals(new int[] {16, 8, 4, 2, 1, 1}, SsdAnchors.gridSides(256));
        assertArrayEquals(new int[] {12, 6, 3, 2, 1, 1}, SsdAnchors.gridSides(192));
        assertArrayEquals(new int[] {8, 4, 2, 1, 1, 1}, SsdAnchors.gridSides(128));
        assertEquals(5118, SsdAnchors.count(512));
        assertEquals(16 * 16 * 3 + (64 + 16 + 4 + 1 + 1) * 6, SsdAnchors.count(256));
        SsdMobilenetV1 detector = TestData.engine().detector();
        for (int size : new int[] {128, 192, 256, 320, 512}) {
            SsdMobilenetV1.SsdOutput out = detector.forwardPixels(List.of(new float[size * size * 3]),
                    new SsdMobilenetV1.Window(size, 0, 0)).get(0);
            assertEquals(SsdAnchors.count(size), out.scores().length, "boxes the network gives at " + size);
            assertEquals(SsdAnchors.count(size) * 4, SsdAnchors.generate(size).length);
        }
    }

    @Test
    void aWindowElsewhereIsTheWindowAtTheOriginShifted() {
        // the detector keeps one set per window side and shifts it to the window's origin
        float[] atOrigin = SsdAnchors.window(256, 0, 0);
        float[] moved = SsdAnchors.window(256, 96, 160);
        for (int i = 0; i < atOrigin.length; i++) {
            float shift = i % 2 == 0 ? 160f / 512 : 96f / 512;
            assertEquals(moved[i], atOrigin[i] + shift, TOLERANCE, "coordinate " + i);
        }
    }

    @Test
    void aWindowsAnchorsAreTheStoredAnchorsOfTheCellsItCovers() {
        float[] stored = SsdAnchors.generate(512);
        // a 256 window at (128, 192): layers 0-2 (cells of 16, 32, 64 px) line up with the full input's
        int size = 256;
        int ox = 128;
        int oy = 192;
        float[] window = SsdAnchors.window(size, ox, oy);
        int[] full = SsdAnchors.gridSides(512);
        int[] sub = SsdAnchors.gridSides(size);
        int fullStart = 0;
        int subStart = 0;
        for (int layer = 0; layer < 3; layer++) {
            int boxes = SsdAnchors.boxesPerCell(layer);
            int cell = 512 / full[layer];
            for (int y = 0; y < sub[layer]; y++) {
                for (int x = 0; x < sub[layer]; x++) {
                    for (int b = 0; b < boxes; b++) {
                        int w = subStart + ((y * sub[layer] + x) * boxes + b) * 4;
                        int f = fullStart + (((y + oy / cell) * full[layer] + x + ox / cell) * boxes + b) * 4;
                        for (int k = 0; k < 4; k++) {
                            assertEquals(stored[f + k], window[w + k], TOLERANCE,
                                    "layer " + layer + " cell " + y + "," + x + " box " + b);
                        }
                    }
                }
            }
            fullStart += full[layer] * full[layer] * boxes * 4;
            subStart += sub[layer] * sub[layer] * boxes * 4;
        }
    }
}
