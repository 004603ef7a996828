package io.facefleet.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.facefleet.engine.image.ImageOps;
import io.facefleet.engine.image.RgbImage;
import io.facefleet.engine.nets.SsdMobilenetV1;
import io.facefleet.engine.nets.SsdMobilenetV1.Window;
import io.facefleet.engine.nets.SsdMobilenetV1.WindowPadding;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The detector's window black contexts are bounded by bytes
 * ({@code facefleet.engine.detector-context-bytes}): under a small bound the least recently used
 * go and the bytes kept stay under it, a dropped window's context is made again with the same
 * outputs; under the default, a photo's rectangles and small images' squares are all kept at once.
 */
class BlackContextBytesTest {

    private static FaceEngine engine;
    private static final RgbImage BLACK = new RgbImage(512, 512, new byte[512 * 512 * 3]);

    @BeforeAll
    static void load() {
        engine = FaceEngine.load(EngineConfig.defaults());
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    @Test
    void underASmallBoundTheBytesKeptStayUnderItAndADroppedWindowIsMadeAgainTheSame() {
        long one = engine.detector().blackContextBytes(new Window(128, 0, 0));
        long bound = 3 * one + one / 2;
        try (FaceEngine small = FaceEngine.load(EngineConfig.defaults().withDetectorContextBytes(bound))) {
            SsdMobilenetV1 detector = small.detector();
            Window first = new Window(128, 0, 0);
            float[] before = scores(detector, first);
            List<Window> windows = new ArrayList<>();
            for (int k = 1; k <= 7; k++) {
                Window w = new Window(128, 32 * k, 32 * (k % 3));
                windows.add(w);
                scores(detector, w);
                assertTrue(detector.keptContextBytes() <= bound,
                        "after " + w + ": " + detector.keptContextBytes() + " bytes kept, bound " + bound);
                assertTrue(detector.keptContextWindows().size() <= 3, "kept " + detector.keptContextWindows());
            }
            // the least recently used went: the last three are kept, the first is not
            assertEquals(windows.subList(4, 7), detector.keptContextWindows());
            assertFalse(detector.keptContextWindows().contains(first));
            assertArrayEquals(before, scores(detector, first));
        }
    }

    @Test
    void theDefaultKeepsSeveralPhotoRectanglesAndSmallImageSquaresAtOnce() {
        SsdMobilenetV1 detector = engine.detector();
        List<Window> windows = List.of(new Window(512, 416, 0, 0), new Window(512, 448, 0, 0),
                new Window(512, 480, 0, 0), new Window(416, 512, 0, 0), new Window(448, 512, 0, 0),
                new Window(192, 160, 160), new Window(256, 128, 128), new Window(224, 192, 160, 160),
                new Window(192, 224, 160, 128));
        for (Window w : windows) {
            scores(detector, w);
        }
        assertTrue(detector.keptContextWindows().containsAll(windows), "kept " + detector.keptContextWindows());
        assertTrue(detector.keptContextBytes() <= EngineConfig.DETECTOR_CONTEXT_BYTES,
                detector.keptContextBytes() + " bytes kept");
    }

    @Test
    void aNegativeBoundIsAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EngineConfig.defaults().withDetectorContextBytes(-1));
        assertTrue(e.getMessage().contains("facefleet.engine.detector-context-bytes must be 0 or more, got -1"),
                e.getMessage());
    }

    private static float[] scores(SsdMobilenetV1 detector, Window w) {
        float[] pixels = ImageOps.resizeBilinear(BLACK, 512, w.originX(), w.originY(), w.width(), w.height());
        return detector.forwardPixels(List.of(pixels), w, WindowPadding.BLACK).get(0).scores();
    }
}
