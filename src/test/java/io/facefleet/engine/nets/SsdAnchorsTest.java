package io.facefleet.engine.nets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.facefleet.engine.weights.ModelFiles;
import io.facefleet.testing.TestData;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The anchor generator is TensorFlow's multiple-grid generator as the detector was trained with:
 * it reproduces the 5118 anchors stored in the weights, gives the grids the network's feature maps
 * have at smaller inputs, and a window's anchors (a square's or a rectangle's) are the stored anchors
 * of the cells it covers where its grid has the full input's cells.
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

    @Test
    void theNetworkGivesARectangularWindowTheBoxesItsAnchorsCount() {
        SsdMobilenetV1 detector = TestData.engine().detector();
        for (int[] shape : new int[][] {{512, 416}, {416, 512}, {320, 192}}) {
            SsdMobilenetV1.SsdOutput out = detector.forwardPixels(List.of(new float[shape[0] * shape[1] * 3]),
                    new SsdMobilenetV1.Window(shape[0], shape[1], 0, 0)).get(0);
            assertEquals(SsdAnchors.count(shape[0], shape[1]), out.scores().length,
                    "boxes the network gives at " + shape[0] + "x" + shape[1]);
            assertEquals(SsdAnchors.count(shape[0], shape[1]) * 4, SsdAnchors.window(shape[0], shape[1], 0, 0).length);
        }
        // a 416-high window: 26, 13, 7, 4, 2, 1 rows against the full input's 32, 16, 8, 4, 2, 1
        assertEquals(26 * 32 * 3 + (13 * 16 + 7 * 8 + 4 * 4 + 2 * 2 + 1) * 6, SsdAnchors.count(512, 416));
    }

    @Test
    void aRectangularWindowsAnchorsAreTheStoredAnchorsWhereItsCellsAreTheFullInputs() {
        float[] stored = SsdAnchors.generate(512);
        // a photo's window (512 wide, 416 high, at the top) and a rectangle inside the input
        // at the input's origin every cell is on every layer's grid: all its anchors are stored ones
        assertEquals(SsdAnchors.count(512, 416), checkAgainstStored(stored, 512, 416, 0, 0));
        assertEquals(SsdAnchors.count(448, 512), checkAgainstStored(stored, 448, 512, 0, 0));
        assertTrue(checkAgainstStored(stored, 320, 192, 128, 224) > 0);
        assertTrue(checkAgainstStored(stored, 416, 512, 64, 0) > 0);
    }

    /**
     * Along each axis alone, cell by cell: a rectangle's cells are the full input's cells (the
     * network keeps its coarse maps on the full grid), so where the origin is on a layer's grid the
     * window cell's coordinates on that axis are the stored anchor's of the cell at the same place;
     * elsewhere its centre is the full input's cell spacing from the window's origin and the box keeps
     * the stored box's size on that axis (sizes are normalised to the square 512 input).
     */
    /** Checks every anchor of the window; returns how many are stored anchors on both axes. */
    private static int checkAgainstStored(float[] stored, int width, int height, int ox, int oy) {
        float[] window = SsdAnchors.window(width, height, ox, oy);
        int[] full = SsdAnchors.gridSides(512);
        int[] rows = SsdAnchors.gridSides(height);
        int[] columns = SsdAnchors.gridSides(width);
        int fullStart = 0;
        int subStart = 0;
        int storedBoxes = 0;
        for (int layer = 0; layer < SsdAnchors.LAYERS; layer++) {
            int boxes = SsdAnchors.boxesPerCell(layer);
            int cell = 512 / full[layer];
            for (int y = 0; y < rows[layer]; y++) {
                for (int x = 0; x < columns[layer]; x++) {
                    Axis ay = Axis.of(oy, cell, y);
                    Axis ax = Axis.of(ox, cell, x);
                    for (int b = 0; b < boxes; b++) {
                        String what = width + "x" + height + " at " + ox + "," + oy + " layer " + layer + " cell "
                                + y + "," + x + " box " + b;
                        int w = subStart + ((y * columns[layer] + x) * boxes + b) * 4;
                        // the stored box of this layer and box index in the full input's cell (fy, fx)
                        int fy = ay.storedIndex >= 0 ? ay.storedIndex : 0;
                        int fx = ax.storedIndex >= 0 ? ax.storedIndex : 0;
                        int f = fullStart + ((fy * full[layer] + fx) * boxes + b) * 4;
                        ay.check(stored[f], stored[f + 2], window[w], window[w + 2], what + " ymin/ymax");
                        ax.check(stored[f + 1], stored[f + 3], window[w + 1], window[w + 3], what + " xmin/xmax");
                        if (ay.storedIndex >= 0 && ax.storedIndex >= 0) {
                            storedBoxes++;
                        }
                    }
                }
            }
            fullStart += full[layer] * full[layer] * boxes * 4;
            subStart += rows[layer] * columns[layer] * boxes * 4;
        }
        return storedBoxes;
    }

    /** One axis of a window cell: the stored cell it is (or -1), else where its centre must be. */
    private record Axis(int storedIndex, double centre) {

        static Axis of(int origin, int fullCell, int index) {
            boolean onGrid = origin % fullCell == 0 && origin / fullCell + index < 512 / fullCell;
            double centre = (origin + (index + 0.5) * fullCell) / 512.0;
            return new Axis(onGrid ? origin / fullCell + index : -1, centre);
        }

        void check(float storedMin, float storedMax, float min, float max, String what) {
            if (storedIndex >= 0) {
                assertEquals(storedMin, min, TOLERANCE, what + " (the stored anchor's)");
                assertEquals(storedMax, max, TOLERANCE, what + " (the stored anchor's)");
            } else {
                // the stored box's size on this axis, about the window's cell centre
                double half = (storedMax - storedMin) / 2.0;
                assertEquals(centre - half, min, TOLERANCE, what + " (the window grid's)");
                assertEquals(centre + half, max, TOLERANCE, what + " (the window grid's)");
            }
        }
    }
}
