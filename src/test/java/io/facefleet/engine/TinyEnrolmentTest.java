package io.facefleet.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.facefleet.bench.RealPhotoNaming;
import io.facefleet.engine.image.ImageDecoder;
import io.facefleet.gallery.Example;
import io.facefleet.gallery.Gallery;
import io.facefleet.recognition.FaceService;
import io.facefleet.testing.DemoFaces;
import io.facefleet.testing.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The tiny-face enrolment mean ({@link TinyEnrolment}, on by default): an enrolled tiny face keeps
 * the mean of its crop's descriptor and that of the square from its box alone; a query of the same
 * image keeps its one crop; a face at or above the tiny-face height is enrolled with its own
 * descriptor, bit for bit. On a demo portrait scaled down until its face is 30 px high, as the
 * seed's faces are (no third-party photo set needed).
 */
class TinyEnrolmentTest {

    private final ImageDecoder decoder = new ImageDecoder();

    @Test
    void anEnrolledTinyFaceKeepsTheMeanOfItsCropAndItsBox() throws Exception {
        FaceEngine engine = TestData.engine();
        FaceService service = service(engine);
        byte[] portrait = DemoFaces.people(1).get(0).portrait();
        Face large = service.analyze(portrait).get(0);
        byte[] tiny = RealPhotoNaming.scaled(portrait, 30f / large.detection().height());
        List<Face> found = service.analyze(tiny);
        assertEquals(1, found.size(), "one face in the scaled portrait");
        Face face = found.get(0);
        assertTrue(face.detection().height() < engine.config().tinyFaceHeight(), "tiny: " + face.detection().height() + " px");

        Example kept = service.enroll("Tiny", tiny, "tiny.jpg");

        float[] box = engine.recognitionNet().forwardPixels(List.of(TinyEnrolment.boxInput(decoder.decode(tiny), face.detection())))[0];
        assertArrayEquals(TinyEnrolment.mean(face.descriptor(), box), kept.descriptor(), 1e-4f,
                "the example is the mean of the crop's and the box's descriptors");
        double moved = Gallery.distance(kept.descriptor(), face.descriptor());
        assertTrue(moved > 0.01, "the example differs from the query's descriptor of the same image: " + moved);
        // a query of that image is described as before: its one crop
        assertArrayEquals(face.descriptor(), service.identify(tiny).get(0).face().descriptor());
    }

    @Test
    void aFaceAtTheTinyHeightOrAboveIsEnrolledWithItsOwnDescriptor() throws Exception {
        FaceEngine engine = TestData.engine();
        FaceService service = service(engine);
        byte[] portrait = DemoFaces.people(1).get(0).portrait();
        Face face = service.analyze(portrait).get(0);
        assertTrue(face.detection().height() >= engine.config().tinyFaceHeight(), "large: " + face.detection().height() + " px");

        Example kept = service.enroll("Large", portrait, "large.jpg");

        assertArrayEquals(face.descriptor(), kept.descriptor(), 0f);
    }

    private static FaceService service(FaceEngine engine) throws Exception {
        Path data = Files.createTempDirectory("tiny-enrolment");
        return new FaceService(new ImageDecoder(), engine, Gallery.open(data, 0.6f));
    }
}
