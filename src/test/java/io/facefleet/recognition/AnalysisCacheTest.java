package io.facefleet.recognition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.facefleet.engine.Attribute;
import io.facefleet.engine.Face;
import io.facefleet.engine.image.ImageDecoder;
import io.facefleet.testing.DemoFaces;
import io.facefleet.gallery.Gallery;
import io.facefleet.testing.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
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
    void anAnswerCachedWithoutAttributesNeverAnswersARequestForThemNorTheOtherWayRound(@TempDir Path data) throws Exception {
        byte[] photo = Files.readAllBytes(DemoFaces.photo(1));
        FaceService service = new FaceService(new ImageDecoder(), TestData.engine(), Gallery.open(data, 0.6f), new AnalysisCache(10));
        Set<Attribute> age = EnumSet.of(Attribute.AGE);
        Set<Attribute> ageAndExpression = EnumSet.of(Attribute.EXPRESSION, Attribute.AGE);

        List<Face> plain = service.analyze(photo);
        assertNull(plain.get(0).attributes(), "none asked, none given");
        List<Face> withAge = service.analyze(photo, age);
        assertNotNull(withAge.get(0).attributes(), "the cached answer without attributes answered a request for them");
        assertNotNull(withAge.get(0).attributes().age());
        assertNull(withAge.get(0).attributes().expressions(), "expression was not asked for");
        List<Face> withBoth = service.analyze(photo, ageAndExpression);
        assertNotNull(withBoth.get(0).attributes().expressions(), "the answer cached for age alone answered age and expression");
        assertEquals(3, service.cache().misses(), "three different requests of one image");

        assertSame(withAge.get(0), service.analyze(photo, EnumSet.of(Attribute.AGE)).get(0), "the same attributes are a hit");
        assertSame(withBoth.get(0), service.analyze(photo, Attribute.parse("expression,age")).get(0), "in any order");
        assertSame(plain.get(0), service.analyze(photo).get(0), "and no attributes is its own entry");
        assertNull(service.analyze(photo).get(0).attributes(), "a request without attributes gets none from the cache");
        assertEquals(4, service.cache().hits());
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
