package io.facefleet.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.facefleet.engine.image.ImageDecoder;
import io.facefleet.gallery.Gallery;
import io.facefleet.recognition.FaceService;
import io.facefleet.testing.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Azure's identification sample: enrol the labelled portraits, find and name the family. */
class FamilyIdentificationTest {

    @Test
    void allFourFamily1MembersAreFoundAndNamed(@TempDir Path data) throws Exception {
        Path root = TestData.dataset("azure_face_samples");
        FaceService service = new FaceService(new ImageDecoder(), TestData.engine(), Gallery.open(data, 0.6f));
        TestData.enrolAzurePortraits(service);
        List<FaceService.IdentifiedFace> faces = service.identify(Files.readAllBytes(root.resolve("Face/images/identification1.jpg")));
        Set<String> names = new TreeSet<>();
        for (FaceService.IdentifiedFace f : faces) {
            System.out.printf("identification1.jpg: %s at %.3f%n", f.match().labelOr("Unknown"), f.match().distance());
            names.add(f.match().labelOr("Unknown"));
        }
        assertEquals(4, faces.size());
        assertEquals(Set.of("Family1-Dad", "Family1-Mom", "Family1-Son", "Family1-Daughter"), names);
        assertTrue(faces.stream().allMatch(f -> f.match().distance() < 0.6f));
    }
}
