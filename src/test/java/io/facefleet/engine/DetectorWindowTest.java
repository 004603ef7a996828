package io.facefleet.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.facefleet.engine.image.ImageDecoder;
import io.facefleet.engine.image.RgbImage;
import io.facefleet.engine.nets.SsdMobilenetV1.Window;
import io.facefleet.testing.DemoFaces;
import io.facefleet.testing.SeedSizedFaces;
import io.facefleet.testing.TestData;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The detector window: a small image runs on the part of the 512 input its pixels fill (plus the
 * margin) and finds the faces the whole input finds; a photo that fills the input runs it all and
 * gives exactly what it gave before. Faces come from the face package's demo photos, cut around each
 * face and scaled to 64x64 as the seed's images are.
 */
class DetectorWindowTest {

    /** Box corners and scores may move this little (in the seed's 64 px): seen up to 0.15 px, 0.014 (margin 32, black). */
    private static final float BOX_PX = 1f;
    private static final float SCORE = 0.05f;

    private static FaceEngine whole;
    private static RgbImage photo;

    @BeforeAll
    static void load() throws Exception {
        whole = FaceEngine.load(EngineConfig.defaults().withDetectorWindowMargin(-1));
        photo = new ImageDecoder().decode(Files.readAllBytes(DemoFaces.photo(1)));
    }

    @AfterAll
    static void close() {
        whole.close();
    }

    @Test
    void aSmallImageRunsOnAQuarterOfTheInput() {
        // a 64x64 image padded into 256 and blown up to 512 fills the centre 128x128
        assertEquals(new Window(256, 128, 128), DetectorWindow.around(192, 192, 320, 320, 64));
        assertEquals(new Window(320, 96, 96), DetectorWindow.around(192, 192, 320, 320, 96));
        assertEquals(Window.FULL, DetectorWindow.around(192, 192, 320, 320, -1));
        // a photo fills the input (its padding at the bottom): all of it runs
        assertEquals(Window.FULL, DetectorWindow.around(0, 0, 512, 341.3, 64));
    }

    @Test
    void aPhotoRunsTheWholeInputAndFindsExactlyWhatItDid() {
        List<Detection> before = whole.detect(photo);
        List<Detection> after = TestData.engine().detect(photo);
        assertFalse(before.isEmpty());
        assertEquals(before, after);
    }

    @Test
    void seedSizedImagesFindTheSameFacesOnTheirWindow() {
        FaceEngine windowed = TestData.engine();
        assertTrue(windowed.config().detectorWindowMargin() >= 0, "the test engine runs windows");
        List<Detection> faces = whole.detect(photo);
        int compared = 0;
        for (Detection face : faces) {
            RgbImage small = seedSized(face);
            List<Detection> before = whole.detect(small);
            List<Detection> after = windowed.detect(small);
            assertEquals(before.size(), after.size(), "faces found in the crop of " + face);
            for (int i = 0; i < before.size(); i++) {
                Detection b = before.get(i);
                Detection a = after.get(i);
                assertEquals(b.x(), a.x(), BOX_PX, "left of " + b);
                assertEquals(b.y(), a.y(), BOX_PX, "top of " + b);
                assertEquals(b.x() + b.width(), a.x() + a.width(), BOX_PX, "right of " + b);
                assertEquals(b.y() + b.height(), a.y() + a.height(), BOX_PX, "bottom of " + b);
                assertEquals(b.score(), a.score(), SCORE, "score of " + b);
                compared++;
            }
        }
        assertTrue(compared >= 3, "faces compared: " + compared);
    }

    private static RgbImage seedSized(Detection face) {
        return SeedSizedFaces.of(photo, face);
    }
}
