package io.facefleet.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.facefleet.engine.image.ImageDecoder;
import io.facefleet.engine.image.RgbImage;
import io.facefleet.engine.nets.SsdMobilenetV1.Window;
import io.facefleet.testing.DemoFaces;
import io.facefleet.testing.TestData;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.util.ArrayList;
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

    private static final int SEED_SIDE = 64;
    /** Box corners and scores may move this little (in the seed's 64 px): seen up to 0.3 px, 0.035. */
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

    /** The square of twice the face's box around it, scaled to 64x64: a face about 30 px high. */
    private static RgbImage seedSized(Detection face) {
        double half = Math.max(face.width(), face.height());
        double cx = face.x() + face.width() / 2;
        double cy = face.y() + face.height() / 2;
        BufferedImage src = toBuffered(photo);
        BufferedImage out = new BufferedImage(SEED_SIDE, SEED_SIDE, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        double scale = SEED_SIDE / (2 * half);
        g.scale(scale, scale);
        g.translate(-(cx - half), -(cy - half));
        g.drawImage(src, 0, 0, null);
        g.dispose();
        byte[] rgb = new byte[SEED_SIDE * SEED_SIDE * 3];
        for (int y = 0; y < SEED_SIDE; y++) {
            for (int x = 0; x < SEED_SIDE; x++) {
                int p = out.getRGB(x, y);
                int o = (y * SEED_SIDE + x) * 3;
                rgb[o] = (byte) (p >> 16);
                rgb[o + 1] = (byte) (p >> 8);
                rgb[o + 2] = (byte) p;
            }
        }
        return new RgbImage(SEED_SIDE, SEED_SIDE, rgb);
    }

    private static BufferedImage toBuffered(RgbImage img) {
        BufferedImage b = new BufferedImage(img.width(), img.height(), BufferedImage.TYPE_INT_RGB);
        byte[] rgb = img.rgb();
        for (int y = 0; y < img.height(); y++) {
            for (int x = 0; x < img.width(); x++) {
                int o = (y * img.width() + x) * 3;
                b.setRGB(x, y, ((rgb[o] & 255) << 16) | ((rgb[o + 1] & 255) << 8) | (rgb[o + 2] & 255));
            }
        }
        return b;
    }
}
