package io.facefleet.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.facefleet.engine.image.ImageDecoder;
import io.facefleet.engine.image.ImageOps;
import io.facefleet.engine.image.RgbImage;
import io.facefleet.engine.nets.SsdAnchors;
import io.facefleet.engine.nets.SsdDecoder;
import io.facefleet.engine.nets.SsdMobilenetV1;
import io.facefleet.engine.nets.SsdMobilenetV1.Window;
import io.facefleet.engine.nets.SsdMobilenetV1.WindowPadding;
import io.facefleet.testing.DemoFaces;
import io.facefleet.testing.SeedSizedFaces;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Black-context padding of the detector window: beyond the window's edge each conv sees what the
 * full 512 pass sees there over the black padding, so a 32 px margin (a 192 window for a 64x64
 * image) gives the full pass's boxes, where zeros at that margin move them by px. The faces are
 * the demo photos', cut and scaled to 64x64 as the seed's images are.
 */
class WindowPaddingTest {

    /** Black context at margin 32 against the full pass: seen 0.0000 px on these faces (4 decimals). */
    private static final float BLACK_PX = 0.05f;
    private static final float BLACK_SCORE = 0.005f;
    /** All-black input, window at the origin against the full pass: box corners (0..1) and scores, float rounding. */
    private static final float BLACK_RAW = 1e-4f;
    /** Zero padding at margin 32 moves some corner this far at least (seen 2.6 px). */
    private static final float ZERO_PX = 1f;

    private static FaceEngine whole;
    private static FaceEngine black;
    private static FaceEngine zero;
    private static List<RgbImage> faces;

    @BeforeAll
    static void load() throws Exception {
        EngineConfig base = EngineConfig.defaults();
        whole = FaceEngine.load(base.withDetectorWindowMargin(-1));
        black = FaceEngine.load(base.withDetectorWindowMargin(32).withDetectorWindowPadding(WindowPadding.BLACK));
        zero = FaceEngine.load(base.withDetectorWindowMargin(32).withDetectorWindowPadding(WindowPadding.ZERO));
        faces = new ArrayList<>();
        for (int n = 1; n <= 6; n++) {
            RgbImage photo = new ImageDecoder().decode(Files.readAllBytes(DemoFaces.photo(n)));
            for (Detection face : whole.detect(photo)) {
                faces.add(SeedSizedFaces.of(photo, face));
            }
        }
    }

    @AfterAll
    static void close() {
        whole.close();
        black.close();
        zero.close();
    }

    @Test
    void theDefaultIsBlackContextAtMargin32() {
        assertEquals(32, EngineConfig.defaults().detectorWindowMargin());
        assertEquals(WindowPadding.BLACK, EngineConfig.defaults().detectorWindowPadding());
        // a 64x64 image fills the centre 128x128 of the input: its window is 192
        assertEquals(new Window(192, 160, 160), DetectorWindow.around(192, 192, 320, 320, 32));
    }

    @Test
    void atMargin32BlackContextGivesTheFullPassesBoxesAndZerosDoNot() {
        int compared = 0;
        float zeroWorst = 0;
        for (RgbImage small : faces) {
            List<Detection> want = whole.detect(small);
            List<Detection> withBlack = black.detect(small);
            List<Detection> withZeros = zero.detect(small);
            assertEquals(want.size(), withBlack.size(), "faces found with black context");
            for (int i = 0; i < want.size(); i++) {
                assertTrue(corner(want.get(i), withBlack.get(i)) <= BLACK_PX,
                        "black context moved " + want.get(i) + " to " + withBlack.get(i));
                assertEquals(want.get(i).score(), withBlack.get(i).score(), BLACK_SCORE, "score of " + want.get(i));
                compared++;
                if (i < withZeros.size()) {
                    zeroWorst = Math.max(zeroWorst, corner(want.get(i), withZeros.get(i)));
                }
            }
        }
        assertTrue(compared >= 10, "faces compared: " + compared);
        assertTrue(zeroWorst > ZERO_PX, "zeros at margin 32 moved a corner only " + zeroWorst + " px");
    }

    @Test
    void aWindowAtTheInputsEdgeKeepsTheInputsOwnZeroPadding() {
        // a seed-sized face blown up to 128 px in the top-left corner of an otherwise black 512
        // input; the window's top and left edges are the input's, where the full pass pads with
        // TF's zeros, and its cells on the face are a few from that edge
        RgbImage face = faces.get(0);
        byte[] rgb = new byte[512 * 512 * 3];
        int side = 2 * face.width();
        RgbImage big = resize(face, side);
        for (int y = 0; y < side; y++) {
            System.arraycopy(big.rgb(), y * side * 3, rgb, y * 512 * 3, side * 3);
        }
        RgbImage input = new RgbImage(512, 512, rgb);
        SsdMobilenetV1 detector = black.detector();
        Window window = new Window(192, 0, 0);
        float[] windowPixels = ImageOps.resizeBilinear(input, 512, 0, 0, 192);
        List<Detection> want = SsdDecoder.detections(detector.forwardRaw(input), 512, 512, 0.5f, 100);
        List<Detection> got = SsdDecoder.detections(
                detector.forwardPixels(List.of(windowPixels), window, WindowPadding.BLACK).get(0), 512, 512, 0.5f, 100);
        assertTrue(!want.isEmpty(), "the full pass finds the corner face");
        assertEquals(want.size(), got.size());
        for (int i = 0; i < want.size(); i++) {
            assertTrue(corner(want.get(i), got.get(i)) <= BLACK_PX, want.get(i) + " became " + got.get(i));
            assertEquals(want.get(i).score(), got.get(i).score(), BLACK_SCORE);
        }
    }

    @Test
    void onAnAllBlackInputARectangleAtTheOriginGivesTheFullPassesOutputOnItsCells() {
        // the black context of a rectangle at the input's origin is then exactly what the full pass
        // has around it: every anchor's box and score must be the full pass's, up to float
        // rounding (photo rows, portrait columns, a small wide image; odd coarse maps:
        // 416 and 480 rows give 13 and 15 at the backbone's end, 384 gives 3 two layers on)
        SsdMobilenetV1 detector = black.detector();
        RgbImage input = new RgbImage(512, 512, new byte[512 * 512 * 3]);
        SsdMobilenetV1.SsdOutput full = detector.forwardRaw(input);
        for (Window w : List.of(new Window(512, 384, 0, 0), new Window(512, 416, 0, 0),
                new Window(512, 480, 0, 0), new Window(416, 512, 0, 0), new Window(352, 224, 0, 0))) {
            assertBlackIsTheFullPassAndZerosAreNot(detector, input, full, w, fullAnchorIndex(w));
        }
    }

    @Test
    void onAnAllBlackInputARectangleInsideTheInputGivesTheFullPassesOutputOnItsFineCells() {
        // a small wide image's window, away from the input's edges: its layers 0 and 1 (cells of
        // 16 and 32 px, the window's origin a multiple of 32) are the full input's cells, so there
        // the black context must give the full pass's outputs; the coarser cells straddle the
        // origin and have anchors of their own
        SsdMobilenetV1 detector = black.detector();
        RgbImage input = new RgbImage(512, 512, new byte[512 * 512 * 3]);
        SsdMobilenetV1.SsdOutput full = detector.forwardRaw(input);
        for (Window w : List.of(new Window(256, 192, 128, 160), new Window(160, 288, 96, 64))) {
            assertBlackIsTheFullPassAndZerosAreNot(detector, input, full, w, fullAnchorIndex(w, 2));
        }
    }

    /** Window {@code w}'s anchors, at {@code index} in the full pass: within BLACK_RAW with the black context, far off with zeros. */
    private static void assertBlackIsTheFullPassAndZerosAreNot(SsdMobilenetV1 detector, RgbImage input, SsdMobilenetV1.SsdOutput full,
                                                             Window w, int[] index) {
        float[] pixels = ImageOps.resizeBilinear(input, 512, w.originX(), w.originY(), w.width(), w.height());
        SsdMobilenetV1.SsdOutput got = detector.forwardPixels(List.of(pixels), w, WindowPadding.BLACK).get(0);
        SsdMobilenetV1.SsdOutput zeros = detector.forwardPixels(List.of(pixels), w, WindowPadding.ZERO).get(0);
        float worst = 0;
        float zeroWorst = 0;
        for (int i = 0; i < index.length; i++) {
            worst = Math.max(worst, gap(got, i, full, index[i]));
            zeroWorst = Math.max(zeroWorst, gap(zeros, i, full, index[i]));
        }
        assertTrue(worst <= BLACK_RAW, w + ": the window's outputs are off the full pass's by " + worst);
        assertTrue(zeroWorst > 100 * BLACK_RAW, w + ": zeros beyond it are off by only " + zeroWorst);
    }

    /** Largest gap of box corner (0..1 of the input) or score between anchor {@code i} of {@code a} and {@code j} of {@code b}. */
    private static float gap(SsdMobilenetV1.SsdOutput a, int i, SsdMobilenetV1.SsdOutput b, int j) {
        float g = Math.abs(a.scores()[i] - b.scores()[j]);
        for (int k = 0; k < 4; k++) {
            g = Math.max(g, Math.abs(a.boxes()[i][k] - b.boxes()[j][k]));
        }
        return g;
    }

    /** Per anchor of {@code w} (at the input's origin), the full input's anchor of the same cell and box. */
    private static int[] fullAnchorIndex(Window w) {
        return fullAnchorIndex(w, 6);
    }

    /**
     * Per anchor of {@code w}'s first {@code layers} layers (whose cells must be the full input's:
     * the window's origin a multiple of each one's cell), the full input's anchor of the same cell and box.
     */
    private static int[] fullAnchorIndex(Window w, int layers) {
        int[] rows = SsdAnchors.gridSides(w.height());
        int[] columns = SsdAnchors.gridSides(w.width());
        int[] fullSides = SsdAnchors.gridSides(512);
        int count = 0;
        for (int layer = 0; layer < layers; layer++) {
            count += rows[layer] * columns[layer] * SsdAnchors.boxesPerCell(layer);
        }
        int[] index = new int[count];
        int n = 0;
        int fullOffset = 0;
        for (int layer = 0; layer < layers; layer++) {
            int perCell = SsdAnchors.boxesPerCell(layer);
            int cell = 512 / fullSides[layer];
            int oy = w.originY() / cell;
            int ox = w.originX() / cell;
            for (int y = 0; y < rows[layer]; y++) {
                for (int x = 0; x < columns[layer]; x++) {
                    for (int a = 0; a < perCell; a++) {
                        index[n++] = fullOffset + ((oy + y) * fullSides[layer] + ox + x) * perCell + a;
                    }
                }
            }
            fullOffset += fullSides[layer] * fullSides[layer] * perCell;
        }
        return index;
    }

    @Test
    void theSettingIsBlackOrZero() {
        assertEquals(WindowPadding.BLACK, WindowPadding.parse("Black"));
        assertEquals(WindowPadding.ZERO, WindowPadding.parse(" zero "));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WindowPadding.parse("grey"));
        assertTrue(e.getMessage().contains("facefleet.engine.detector-window-padding must be black or zero, got grey"));
    }

    private static float corner(Detection a, Detection b) {
        return Math.max(Math.max(Math.abs(a.x() - b.x()), Math.abs(a.y() - b.y())),
                Math.max(Math.abs(a.x() + a.width() - b.x() - b.width()), Math.abs(a.y() + a.height() - b.y() - b.height())));
    }

    /** {@code img} scaled to {@code side} (nearest pixel). */
    private static RgbImage resize(RgbImage img, int side) {
        byte[] out = new byte[side * side * 3];
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                int sy = y * img.height() / side;
                int sx = x * img.width() / side;
                System.arraycopy(img.rgb(), (sy * img.width() + sx) * 3, out, (y * side + x) * 3, 3);
            }
        }
        return new RgbImage(side, side, out);
    }
}
