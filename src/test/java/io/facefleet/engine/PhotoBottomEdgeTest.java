package io.facefleet.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.facefleet.engine.image.RgbImage;
import io.facefleet.engine.nets.SsdMobilenetV1.WindowPadding;
import io.facefleet.testing.DemoFaces;
import io.facefleet.testing.TestData;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A photo's rectangular detector window padded with the black context: a face cut by the photo's
 * lower edge, just above where the window ends, gets the full 512 pass's box, score and
 * descriptor. The photos are 3:2 cuts of the demo photos whose lower edge runs through a face
 * ({@link BottomEdgeCuts}); with zeros beyond the window's edge, as before, 21 of 59 cuts moved
 * (1.3 to 47.9 px).
 */
class PhotoBottomEdgeTest {

    /** Box corners against the full pass: seen 0.0001 px (4 decimals) on every cut. */
    private static final float BOX_PX = 0.01f;
    /** Scores: seen equal to 5 decimals. */
    private static final float SCORE = 1e-4f;
    /** Descriptor L2 distance: seen 1e-6. */
    private static final double DESCRIPTOR_L2 = 1e-4;
    /** Zeros beyond the edge of the same window move some corner this far at least (seen 47.9 px). */
    private static final float ZERO_PX = 1f;

    private static FaceEngine whole;
    private static FaceEngine black;
    private static FaceEngine zero;
    private static List<BottomEdgeCuts.Cut> cuts;

    @BeforeAll
    static void load() {
        EngineConfig base = EngineConfig.defaults();
        whole = FaceEngine.load(base.withDetectorWindowMargin(-1));
        black = FaceEngine.load(base.withDetectorWindowMargin(32).withDetectorWindowPadding(WindowPadding.BLACK));
        // the window black gives a photo (margin 64), zero-padded: the rectangles as they were
        zero = FaceEngine.load(base.withDetectorWindowMargin(DetectorWindow.RECTANGLE_MARGIN)
                .withDetectorWindowPadding(WindowPadding.ZERO));
        cuts = BottomEdgeCuts.all(whole);
    }

    @AfterAll
    static void close() {
        whole.close();
        black.close();
        zero.close();
    }

    @Test
    void aFaceAtAPhotosLowerEdgeGetsTheFullPassesBoxAndDescriptor() {
        int compared = 0;
        for (BottomEdgeCuts.Cut cut : cuts) {
            compared += assertSame(whole.analyze(cut.image()), black.analyze(cut.image()), cut.name());
        }
        assertTrue(compared >= 40, "faces compared: " + compared);
    }

    @Test
    void theSixDemoPhotosGetTheFullPassesFaces() {
        int compared = 0;
        for (int n = 1; n <= 6; n++) {
            RgbImage photo = TestData.decode(DemoFaces.photo(n));
            compared += assertSame(whole.analyze(photo), black.analyze(photo), "sample" + n + ".jpg");
        }
        assertTrue(compared >= 20, "faces compared: " + compared);
    }

    @Test
    void zerosBeyondTheSameWindowMoveSomeOfThoseFaces() {
        // the setting still gives zero padding, and the cuts are ones where it shows
        float worst = 0;
        for (BottomEdgeCuts.Cut cut : cuts) {
            List<Detection> want = whole.detect(cut.image());
            List<Detection> got = zero.detect(cut.image());
            for (int i = 0; i < Math.min(want.size(), got.size()); i++) {
                worst = Math.max(worst, corner(want.get(i), got.get(i)));
            }
        }
        assertTrue(worst > ZERO_PX, "zeros beyond the window moved a corner only " + worst + " px");
    }

    /** Asserts {@code got} are {@code want}'s faces; returns how many. */
    private static int assertSame(List<Face> want, List<Face> got, String what) {
        assertEquals(want.size(), got.size(), "faces found on " + what);
        for (int i = 0; i < want.size(); i++) {
            Detection d = want.get(i).detection();
            Detection e = got.get(i).detection();
            assertTrue(corner(d, e) <= BOX_PX, what + ": " + d + " became " + e);
            assertEquals(d.score(), e.score(), SCORE, what + ": score of " + d);
            double l2 = distance(want.get(i).descriptor(), got.get(i).descriptor());
            assertTrue(l2 <= DESCRIPTOR_L2, what + ": descriptor of " + d + " moved by L2 " + l2);
        }
        return want.size();
    }

    private static float corner(Detection a, Detection b) {
        return Math.max(Math.max(Math.abs(a.x() - b.x()), Math.abs(a.y() - b.y())),
                Math.max(Math.abs(a.x() + a.width() - b.x() - b.width()), Math.abs(a.y() + a.height() - b.y() - b.height())));
    }

    private static double distance(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(s);
    }
}
