package io.facefleet.recognition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.facefleet.engine.image.ImageDecoder;
import io.facefleet.gallery.Gallery;
import io.facefleet.testing.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnalysisCacheTest {

    @Test
    void identicalBytesAreAnalysedOnceButMatchedAgainstTheCurrentGallery(@TempDir Path data) throws Exception {
        byte[] photo = Files.readAllBytes(TestData.dataset("cse546/face_images_100/test_05.jpg"));
        byte[] copy = Files.readAllBytes(TestData.dataset("cse546/face_images_100/test_15.jpg"));
        FaceService service = new FaceService(new ImageDecoder(), TestData.engine(), Gallery.open(data, 0.6f), new AnalysisCache(10));
        List<FaceService.IdentifiedFace> before = service.identify(photo);
        assertEquals("Unknown", before.get(0).match().labelOr("Unknown"));
        service.enroll("Gerry", photo, "test_05.jpg");
        List<FaceService.IdentifiedFace> after = service.identify(copy);
        assertEquals("Gerry", after.get(0).match().subject(), "a new subject counts at once, cache or not");
        assertSame(before.get(0).face(), after.get(0).face(), "the byte-identical copy came from the cache");
        assertEquals(2, service.cache().hits(), "enrol and the copy were hits");
        assertEquals(1, service.cache().misses());
    }

    @Test
    void theLeastRecentlyUsedEntryGoesFirst() {
        AnalysisCache cache = new AnalysisCache(2);
        cache.put("a", List.of());
        cache.put("b", List.of());
        cache.get("a");
        cache.put("c", List.of());
        assertEquals(List.of(), cache.get("a"));
        assertEquals(null, cache.get("b"));
        assertEquals(0, new AnalysisCache(0).hits());
    }
}
