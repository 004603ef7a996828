package io.facefleet.gallery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GalleryTest {

    @TempDir
    Path dir;

    /** A vector at distance {@code d} from {@code base} along axis {@code axis}. */
    private static float[] offset(float[] base, int axis, float d) {
        float[] v = base.clone();
        v[axis] += d;
        return v;
    }

    private static float[] random(long seed) {
        Random r = new Random(seed);
        float[] v = new float[128];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextGaussian() * 0.1f;
        }
        return v;
    }

    @Test
    void nearestExampleUnderTheThresholdNamesTheSubject() {
        Gallery g = Gallery.open(dir, 0.6f);
        float[] paul = random(1);
        float[] emily = random(2);
        g.enroll("Paul", paul, "p1.jpg");
        g.enroll("Paul", offset(paul, 3, 0.3f), "p2.jpg");
        g.enroll("Emily", emily, "e1.jpg");
        Match m = g.match(offset(paul, 3, 0.35f));
        assertEquals("Paul", m.subject());
        assertEquals(0.05f, m.distance(), 1e-5f, "the nearest of Paul's two examples");
        Match far = g.match(offset(emily, 5, 0.7f));
        assertNull(far.subject(), "0.7 away from everything is unknown");
        assertEquals("Unknown", far.labelOr("Unknown"));
        assertEquals(0.7f, far.distance(), 1e-5f);
    }

    @Test
    void anEmptyGalleryKnowsNobody() {
        Match m = Gallery.open(dir, 0.6f).match(random(1));
        assertFalse(m.known());
        assertTrue(Float.isInfinite(m.distance()));
    }

    @Test
    void survivesReopenAndDeletes() {
        Gallery g = Gallery.open(dir, 0.6f);
        g.enroll("Paul", random(1), "p1.jpg");
        Example e = g.enroll("Emily", random(2), "e1.jpg");
        g.enroll("Emily", random(3), "e2.jpg");
        Gallery again = Gallery.open(dir, 0.6f);
        assertEquals(List.of("Paul", "Emily"), again.subjects().stream().map(Subject::name).toList());
        assertEquals("Emily", again.match(random(2)).subject());
        assertTrue(again.deleteExample("Emily", e.id()));
        assertTrue(again.delete("Paul"));
        assertFalse(again.delete("Paul"));
        Gallery third = Gallery.open(dir, 0.6f);
        assertEquals(1, third.subjects().size());
        assertEquals(1, third.subjects().get(0).examples().size());
    }

    @Test
    void identicalImageBytesAreEnrolledOncePerSubject() {
        Gallery g = Gallery.open(dir, 0.6f);
        Example a = g.enroll("Paul", random(1), "test_00.jpg", "abc");
        Example b = g.enroll("Paul", random(1), "test_10.jpg", "abc");
        assertEquals(a.id(), b.id());
        assertEquals(1, g.subjects().get(0).examples().size());
    }

    @Test
    void badNamesAreRefusedClearly() {
        Gallery g = Gallery.open(dir, 0.6f);
        for (String bad : new String[] {"", "  ", "a/b", "..\\x", "tab\there", " lead", "x".repeat(101), "a:b"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> g.enroll(bad, random(1), "x"));
            assertTrue(e.getMessage().startsWith("a subject name"), e.getMessage());
        }
        assertTrue(g.subjects().isEmpty());
    }

    @Test
    void aCorruptGalleryFileIsReportedWithItsPath() throws Exception {
        Files.createDirectories(dir.resolve("gallery"));
        Files.writeString(dir.resolve("gallery/gallery.json"), "{\"subjects\": [oops");
        GalleryException e = assertThrows(GalleryException.class, () -> Gallery.open(dir, 0.6f));
        assertTrue(e.getMessage().contains("gallery.json cannot be read"), e.getMessage());
    }

    @Test
    void concurrentEnrolAndMatchLoseNothing() throws Exception {
        Gallery g = Gallery.open(dir, 0.6f);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                fs.add(pool.submit(() -> {
                    for (int i = 0; i < 25; i++) {
                        g.enroll("s" + thread, random(thread * 100 + i), "f" + i);
                        g.match(random(i));
                    }
                }));
            }
            for (Future<?> f : fs) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(100, Gallery.open(dir, 0.6f).subjects().stream().mapToInt(s -> s.examples().size()).sum());
    }
}
