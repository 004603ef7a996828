package io.facefleet.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.facefleet.engine.image.ImageDecoder;
import io.facefleet.engine.image.ImageOps;
import io.facefleet.engine.image.RgbImage;
import io.facefleet.engine.nets.SsdMobilenetV1.Window;
import io.facefleet.engine.nets.SsdMobilenetV1.WindowPadding;
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
 * margin) and finds the faces the whole input finds; a landscape photo runs on the rows its pixels
 * fill (a rectangle) and finds the same faces, large ones too; an image that fills the input runs it
 * all and gives exactly what it gave before. Faces come from the face package's demo photos, cut
 * around each face and scaled to 64x64 as the seed's images are.
 */
class DetectorWindowTest {

    /** Box corners and scores may move this little (in the seed's 64 px): seen up to 0.15 px, 0.014 (margin 32, black). */
    private static final float BOX_PX = 1f;
    private static final float SCORE = 0.05f;
    /** The same for photos on their rectangle (in their own px): seen up to 0.0001 px, 0.00001. */
    private static final float PHOTO_BOX_PX = 0.05f;
    private static final float PHOTO_SCORE = 0.001f;

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
        // an image that fills the input runs all of it
        assertEquals(Window.FULL, DetectorWindow.around(0, 0, 512, 512, 64));
    }

    @Test
    void aPhotoRunsOnTheRowsItsPixelsFill() {
        // a 1920x1280 photo padded below to a square fills 512x341 of the input: 341 + 64 rows, in 32s
        assertEquals(new Window(512, 416, 0, 0), DetectorWindow.around(0, 0, 512, 341.3, 64));
        assertEquals(new Window(512, 480, 0, 0), DetectorWindow.around(0, 0, 512, 409.9, 64));
        // a portrait one, padded on the right
        assertEquals(new Window(416, 512, 0, 0), DetectorWindow.around(0, 0, 341.3, 512, 64));
        // one the margin takes to the input's end: all of it
        assertEquals(Window.FULL, DetectorWindow.around(0, 0, 512, 460, 64));
        // a small 64x32 image centred in its 256 square: 128 wide, 64 high in the input, plus the margin
        assertEquals(new Window(256, 192, 128, 160), DetectorWindow.around(192, 224, 320, 288, 64));
    }

    @Test
    void withBlackPaddingASquareTakesTheMarginAndARectangleAtLeastTheRectangleOne() {
        WindowPadding black = WindowPadding.BLACK;
        // the seed image: a 192 square, padded with the black context
        assertEquals(new Window(192, 160, 160), DetectorWindow.around(192, 192, 320, 320, 32, black));
        // a photo's rows and a small wide image are rectangles: margin 64 as measured (large faces see beyond it)
        assertEquals(new Window(512, 416, 0, 0), DetectorWindow.around(0, 0, 512, 341.3, 32, black));
        assertEquals(new Window(256, 192, 128, 160), DetectorWindow.around(192, 224, 320, 288, 32, black));
        // zero padding everywhere: the margin as set
        assertEquals(new Window(512, 384, 0, 0), DetectorWindow.around(0, 0, 512, 341.3, 32, WindowPadding.ZERO));
    }

    @Test
    void anImageThatFillsTheInputRunsItAllAndFindsExactlyWhatItDid() {
        RgbImage square = ImageOps.crop(photo, 0, 0, photo.height(), photo.height());
        List<Detection> before = whole.detect(square);
        List<Detection> after = TestData.engine().detect(square);
        assertFalse(before.isEmpty());
        assertEquals(before, after);
    }

    @Test
    void photosFindTheSameFacesOnTheirRectangle() {
        FaceEngine windowed = TestData.engine();
        int compared = 0;
        for (int n = 1; n <= 6; n++) {
            RgbImage p = TestData.decode(DemoFaces.photo(n));
            compared += assertSameFaces(whole.detect(p), windowed.detect(p), PHOTO_BOX_PX, PHOTO_SCORE, "sample" + n);
        }
        assertTrue(compared >= 20, "faces compared: " + compared);
    }

    @Test
    void aFaceLargeInALandscapeCutIsFoundWhereTheWholeInputFindsIt() {
        // a 3:2 cut 1.2 times a face's height: the face is about 280 px of the input, boxes of the
        // coarse layers, whose maps a 416-row window would put half a cell off the full input's
        FaceEngine windowed = TestData.engine();
        int compared = 0;
        for (Detection face : whole.detect(photo)) {
            RgbImage cut = PhotoWindowCompare.wideCrop(photo, face, 1.2);
            if (cut != null) {
                compared += assertSameFaces(whole.detect(cut), windowed.detect(cut), PHOTO_BOX_PX, PHOTO_SCORE,
                        "cut around " + face);
            }
        }
        assertTrue(compared >= 2, "faces compared: " + compared);
    }

    @Test
    void seedSizedImagesFindTheSameFacesOnTheirWindow() {
        FaceEngine windowed = TestData.engine();
        assertTrue(windowed.config().detectorWindowMargin() >= 0, "the test engine runs windows");
        List<Detection> faces = whole.detect(photo);
        int compared = 0;
        for (Detection face : faces) {
            RgbImage small = seedSized(face);
            compared += assertSameFaces(whole.detect(small), windowed.detect(small), BOX_PX, SCORE,
                    "the crop of " + face);
        }
        assertTrue(compared >= 3, "faces compared: " + compared);
    }

    /** Same count, corners within {@code boxPx}, scores within {@code score}; returns the count. */
    private static int assertSameFaces(List<Detection> before, List<Detection> after, float boxPx, float score,
                                       String what) {
        assertEquals(before.size(), after.size(), "faces found in " + what);
        for (int i = 0; i < before.size(); i++) {
            Detection b = before.get(i);
            Detection a = after.get(i);
            assertEquals(b.x(), a.x(), boxPx, "left of " + b + " in " + what);
            assertEquals(b.y(), a.y(), boxPx, "top of " + b + " in " + what);
            assertEquals(b.x() + b.width(), a.x() + a.width(), boxPx, "right of " + b + " in " + what);
            assertEquals(b.y() + b.height(), a.y() + a.height(), boxPx, "bottom of " + b + " in " + what);
            assertEquals(b.score(), a.score(), score, "score of " + b + " in " + what);
        }
        return before.size();
    }

    /** The square of twice the face's box around it, scaled to 64x64: a face about 30 px high. */
    private static RgbImage seedSized(Detection face) {
        return SeedSizedFaces.of(photo, face);
    }
}
