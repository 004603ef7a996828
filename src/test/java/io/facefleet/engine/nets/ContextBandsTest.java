package io.facefleet.engine.nets;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.facefleet.engine.EngineConfig;
import io.facefleet.engine.FaceEngine;
import io.facefleet.engine.image.ImageDecoder;
import io.facefleet.engine.image.ImageOps;
import io.facefleet.engine.image.RgbImage;
import io.facefleet.engine.nets.SsdMobilenetV1.SsdOutput;
import io.facefleet.engine.nets.SsdMobilenetV1.Window;
import io.facefleet.engine.nets.SsdMobilenetV1.WindowPadding;
import io.facefleet.testing.DemoFaces;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The black context kept as border bands gives what the dense context (kept and added over every
 * map, as before) gives, on a demo photo's pixels in squares and rectangles at and away from the
 * input's origin (odd coarse maps, evened maps, a window at the input's edge), for a fraction of
 * its bytes.
 */
class ContextBandsTest {

    /** Box corners (0..1) and scores, bands against dense: the same values added to the same cells (seen 2.4e-7 on 512x416, float rounding). */
    private static final float SAME = 1e-6f;

    private static FaceEngine engine;
    private static RgbImage photo;

    @BeforeAll
    static void load() throws Exception {
        engine = FaceEngine.load(EngineConfig.defaults());
        photo = ImageOps.padToSquare(new ImageDecoder().decode(Files.readAllBytes(DemoFaces.photo(1))), false);
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    @AfterEach
    void bandsAgain() {
        engine.detector().denseContexts(false);
    }

    @Test
    void bandsGiveTheDenseContextsOutputs() {
        SsdMobilenetV1 detector = engine.detector();
        for (Window w : List.of(new Window(512, 416, 0, 0), new Window(512, 480, 0, 0), new Window(416, 512, 0, 0),
                new Window(192, 160, 160), new Window(192, 320, 320), new Window(256, 192, 128, 160),
                new Window(160, 288, 96, 64), new Window(128, 0, 384))) {
            float[] pixels = ImageOps.resizeBilinear(photo, 512, w.originX(), w.originY(), w.width(), w.height());
            detector.denseContexts(true);
            SsdOutput dense = detector.forwardPixels(List.of(pixels), w, WindowPadding.BLACK).get(0);
            detector.denseContexts(false);
            SsdOutput bands = detector.forwardPixels(List.of(pixels, pixels), w, WindowPadding.BLACK).get(1);
            SsdOutput zeros = detector.forwardPixels(List.of(pixels), w, WindowPadding.ZERO).get(0);
            float worst = 0;
            float zeroWorst = 0;
            for (int i = 0; i < dense.scores().length; i++) {
                worst = Math.max(worst, gap(bands, dense, i));
                zeroWorst = Math.max(zeroWorst, gap(zeros, dense, i));
            }
            assertTrue(worst <= SAME, w + ": bands are off the dense context by " + worst);
            // the context matters on this window: without it the outputs differ
            assertTrue(zeroWorst > 1e-3f, w + ": zeros are off the dense context by only " + zeroWorst);
        }
    }

    @Test
    void aPhotosBandsAreAFractionOfItsDenseContext() {
        SsdMobilenetV1 detector = engine.detector();
        Window photoWindow = new Window(512, 416, 0, 0);
        detector.denseContexts(true);
        long dense = detector.blackContextBytes(photoWindow);
        detector.denseContexts(false);
        long bands = detector.blackContextBytes(photoWindow);
        assertTrue(bands > 0, "bands kept: " + bands);
        assertTrue(bands * 5 < dense, "bands " + bands + " bytes against dense " + dense);
    }

    private static float gap(SsdOutput a, SsdOutput b, int i) {
        float g = Math.abs(a.scores()[i] - b.scores()[i]);
        for (int k = 0; k < 4; k++) {
            g = Math.max(g, Math.abs(a.boxes()[i][k] - b.boxes()[i][k]));
        }
        return g;
    }
}
