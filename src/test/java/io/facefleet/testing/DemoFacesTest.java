package io.facefleet.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.facefleet.engine.image.ImageDecoder;
import io.facefleet.gallery.Gallery;
import io.facefleet.recognition.FaceService;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The labelled faces other tests build on: distinct people, and variants named as their person. */
class DemoFacesTest {

    @TempDir
    Path data;

    @Test
    void everyVariantIsNamedAsItsOwnPerson() {
        List<DemoFaces.Person> people = DemoFaces.people();
        assertTrue(people.size() >= 10, "the demo photos hold at least ten distinct people: " + people.size());
        FaceService service = new FaceService(new ImageDecoder(), TestData.engine(), Gallery.open(data, 0.6f));
        for (DemoFaces.Person p : people) {
            service.enroll(p.label(), p.portrait(), p.label());
        }
        for (DemoFaces.Person p : people) {
            for (long seed = 1; seed <= 10; seed++) {
                List<FaceService.IdentifiedFace> faces = service.identify(p.variant(seed * 31 + p.label().hashCode()));
                assertTrue(!faces.isEmpty(), p.label() + " variant " + seed + ": a face");
                assertEquals(p.label(), faces.get(0).match().labelOr("Unknown"), p.label() + " variant " + seed);
            }
        }
    }

    @Test
    void variantsAreDistinctImages() {
        DemoFaces.Person p = DemoFaces.people().get(0);
        assertNotEquals(Arrays.hashCode(p.variant(1)), Arrays.hashCode(p.variant(2)));
    }
}
