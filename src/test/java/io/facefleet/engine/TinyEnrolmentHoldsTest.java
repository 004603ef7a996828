package io.facefleet.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.facefleet.engine.image.ImageDecoder;
import io.facefleet.gallery.Gallery;
import io.facefleet.recognition.FaceService;
import io.facefleet.testing.SeedImages;
import io.facefleet.testing.TestData;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The tiny-face enrolment mean names the seed's hardest crop right (issue 14): test_05 (Gerry),
 * whose enrolment photo has the most implausible landmarks of the ten, through the face service
 * with the ten crops enrolled. Of its variants 5, 15, ..., 995 the shipped crop without the mean
 * named 96 of 100 right (475, 695, 745 and 925 wrong); with it all 100
 * (docs/accuracy.md, "Tiny-face rules measured on both sets"). At most one may miss. Skips where
 * the seed's crops are absent.
 */
class TinyEnrolmentHoldsTest {

    static final int GERRY = 5;
    static final int VARIANTS = 100;
    static final int MISSES_ALLOWED = 1;

    @Test
    void gerrysVariantsAreNamedRight() throws Exception {
        List<SeedImages.Labelled> ten = SeedImages.ten();
        FaceService service = new FaceService(new ImageDecoder(), TestData.engine(),
                Gallery.open(Files.createTempDirectory("tiny-enrolment-holds"), 0.6f));
        for (SeedImages.Labelled l : ten) {
            service.enroll(l.label(), l.bytes(), l.stem());
        }
        List<String> misses = new ArrayList<>();
        for (int k = 0; k < VARIANTS; k++) {
            int i = GERRY + 10 * k;
            var faces = service.identify(SeedImages.variant(ten, i));
            String named = faces.isEmpty() ? "no face" : faces.get(0).match().labelOr("Unknown") + " at " + faces.get(0).match().distance();
            if (!named.startsWith(ten.get(GERRY).label() + " at ")) {
                misses.add("variant " + i + " named " + named);
            }
        }
        System.out.println("Gerry's variants: " + (VARIANTS - misses.size()) + " of " + VARIANTS + " named right " + misses);
        assertTrue(misses.size() <= MISSES_ALLOWED, misses.size() + " of " + VARIANTS + " named wrong: " + misses);
    }
}
