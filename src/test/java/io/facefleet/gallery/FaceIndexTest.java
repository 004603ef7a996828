package io.facefleet.gallery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.facefleet.testing.SyntheticFaces;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A collection's index and its exact search: adds, dedupe, deletes, paging, distances, and a clean index after all. */
class FaceIndexTest {

    private static final SyntheticFaces FACES = new SyntheticFaces(16);

    @TempDir
    Path dir;

    private static NewFace face(int subject, long photo) {
        return new NewFace(FACES.face(subject, photo), "s" + subject + "-" + photo + ".jpg", null);
    }

    @Test
    void addedFacesAreFoundWithTheirIdsAndSurviveReopen() throws Exception {
        String paulFace;
        try (Catalog c = Catalog.open(dir, GallerySettings.defaults())) {
            Collection col = c.collection(Catalog.DEFAULT);
            List<Example> paul = col.enroll("Paul", List.of(face(1, 1), face(1, 2)));
            col.enroll("Emily", List.of(face(2, 1)));
            paulFace = paul.get(0).id();
            assertEquals(3, col.faceCount());
            List<Hit> top = col.search(FACES.face(1, 99), 2);
            assertEquals("Paul", top.get(0).subject());
            assertEquals("Paul", top.get(1).subject());
            assertTrue(top.get(0).distance() <= top.get(1).distance());
            assertEquals("Paul", col.face(paulFace).orElseThrow().subject());
        }
        Indexes.assertClean(dir);
        try (Catalog c = Catalog.open(dir, GallerySettings.defaults())) {
            Collection col = c.collection(Catalog.DEFAULT);
            assertEquals(3, col.faceCount());
            assertEquals("s1-1.jpg", col.face(paulFace).orElseThrow().source());
        }
    }

    @Test
    void theSameImageIsEnrolledOncePerSubjectEvenInOneRequest() throws Exception {
        try (Catalog c = Catalog.open(dir, GallerySettings.defaults())) {
            Collection col = c.collection(Catalog.DEFAULT);
            NewFace a = new NewFace(FACES.face(1, 1), "a.jpg", "sha-a");
            List<Example> first = col.enroll("Paul", List.of(a, new NewFace(FACES.face(1, 1), "a-again.jpg", "sha-a")));
            assertEquals(first.get(0).id(), first.get(1).id(), "twice in one request: one face");
            Example again = col.enroll("Paul", List.of(new NewFace(FACES.face(1, 1), "copy.jpg", "sha-a"))).get(0);
            assertEquals(first.get(0).id(), again.id());
            col.enroll("Emily", List.of(new NewFace(FACES.face(1, 1), "a.jpg", "sha-a")));
            assertEquals(2, col.faceCount(), "the same image for another subject is another face");
        }
    }

    @Test
    void deletingAFaceOrASubjectRemovesExactlyThat() throws Exception {
        try (Catalog c = Catalog.open(dir, GallerySettings.defaults())) {
            Collection col = c.collection(Catalog.DEFAULT);
            List<Example> paul = col.enroll("Paul", List.of(face(1, 1), face(1, 2)));
            col.enroll("Emily", List.of(face(2, 1), face(2, 2)));
            assertTrue(col.deleteFace(paul.get(0).id()));
            assertFalse(col.deleteFace(paul.get(0).id()), "gone already");
            assertTrue(col.face(paul.get(0).id()).isEmpty());
            assertEquals(3, col.faceCount());
            assertTrue(col.deleteSubject("Emily"));
            assertFalse(col.deleteSubject("Emily"));
            assertEquals(1, col.faceCount());
            assertEquals(List.of(new SubjectCount("Paul", 1)), col.subjects(null, 10).items());
            // a deleted subject can be enrolled again
            col.enroll("Emily", List.of(face(2, 3)));
            assertEquals(2, col.faceCount());
        }
        Indexes.assertClean(dir);
    }

    @Test
    void pagingSeesEveryFaceOnceWhileEnrolmentsGoOn() throws Exception {
        try (Catalog c = Catalog.open(dir, GallerySettings.defaults())) {
            Collection col = c.collection(Catalog.DEFAULT);
            Set<String> before = new HashSet<>();
            for (int s = 0; s < 30; s++) {
                col.enroll("s" + s, List.of(face(s, 1), face(s, 2), face(s, 3))).forEach(e -> before.add(e.id()));
            }
            AtomicBoolean stop = new AtomicBoolean();
            // a bounded stream: listing pages in enrolment order, an endless writer could stay ahead of it
            Thread writer = new Thread(() -> {
                for (int s = 100; s < 400 && !stop.get(); s++) {
                    col.enroll("s" + s, List.of(face(s, 1)));
                }
            });
            writer.start();
            List<String> seen = new ArrayList<>();
            String token = null;
            do {
                Page<StoredFace> page = col.faces(token, 7, null);
                page.items().forEach(f -> seen.add(f.id()));
                token = page.next();
            } while (token != null);
            stop.set(true);
            writer.join();
            assertEquals(seen.size(), new HashSet<>(seen).size(), "no face twice");
            assertTrue(seen.containsAll(before), "every face enrolled before the listing began");
            // subjects page by name, each once
            List<String> names = new ArrayList<>();
            token = null;
            do {
                Page<SubjectCount> page = col.subjects(token, 4);
                page.items().forEach(s -> names.add(s.name()));
                token = page.next();
            } while (token != null);
            assertEquals(names.size(), new HashSet<>(names).size());
            assertEquals(names.stream().sorted().toList(), names);
            assertTrue(names.containsAll(List.of("s0", "s29")));
        }
    }

    @Test
    void theDistanceFromLucenesScoreIsTheExactDistance() throws Exception {
        try (Catalog c = Catalog.open(dir, GallerySettings.defaults())) {
            Collection col = c.collection(Catalog.DEFAULT);
            Enrolments.parallel(col, FACES, 200, 2, 4);
            for (int q = 0; q < 50; q++) {
                float[] query = FACES.face(q, 1000 + q);
                List<Hit> exact = col.searchExact(query, 5);
                List<Hit> graph = col.searchHnsw(query, 5);
                for (Hit h : graph) {
                    Hit same = exact.stream().filter(e -> e.faceId().equals(h.faceId())).findFirst().orElse(null);
                    if (same != null) {
                        assertEquals(same.distance(), h.distance(), 1e-5, "face " + h.faceId());
                    }
                }
                assertEquals(exact.get(0).faceId(), graph.get(0).faceId());
            }
        }
    }

    @Test
    void similarFacesLeaveTheFaceItselfOut() throws Exception {
        try (Catalog c = Catalog.open(dir, GallerySettings.defaults())) {
            Collection col = c.collection(Catalog.DEFAULT);
            Example p1 = col.enroll("Paul", List.of(face(1, 1))).get(0);
            col.enroll("Paul", List.of(face(1, 2)));
            col.enroll("Emily", List.of(face(2, 1)));
            List<Hit> similar = col.similar(p1.id(), 5).orElseThrow();
            assertEquals(2, similar.size());
            assertTrue(similar.stream().noneMatch(h -> h.faceId().equals(p1.id())));
            assertEquals("Paul", similar.get(0).subject());
            assertTrue(col.similar("no-such-id", 5).isEmpty());
        }
    }

    @Test
    void limitsAndNamesAreRefusedClearly() throws Exception {
        try (Catalog c = Catalog.open(dir, GallerySettings.defaults().withMaxFaces(3).withLimits(2, 10))) {
            Collection col = c.collection(Catalog.DEFAULT);
            col.enroll("Paul", List.of(face(1, 1), face(1, 2)));
            GalleryRefusal full = assertThrows(GalleryRefusal.class, () -> col.enroll("Emily", List.of(face(2, 1), face(2, 2))));
            assertEquals(409, full.status());
            assertTrue(full.getMessage().contains("facefleet.gallery.max-faces"), full.getMessage());
            assertEquals(2, col.faceCount(), "a refused request adds nothing");
            col.enroll("Emily", List.of(face(2, 1)));
            IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class, () -> c.create("x".repeat(11)));
            assertTrue(tooLong.getMessage().contains("at most 10"), tooLong.getMessage());
            assertThrows(IllegalArgumentException.class, () -> c.create("a/b"));
            c.create("staff");
            GalleryRefusal many = assertThrows(GalleryRefusal.class, () -> c.create("guests"));
            assertTrue(many.getMessage().contains("facefleet.gallery.max-collections"), many.getMessage());
            assertEquals(409, assertThrows(GalleryRefusal.class, () -> c.delete(Catalog.DEFAULT)).status());
            assertEquals(404, assertThrows(GalleryRefusal.class, () -> c.collection("nobody")).status());
            c.delete("staff");
            assertEquals(404, assertThrows(GalleryRefusal.class, () -> c.describe("staff")).status());
            assertNotNull(c.create("guests"));
        }
    }

    @Test
    void aLegacyGalleryFileIsImportedOnce() throws Exception {
        java.nio.file.Files.createDirectories(dir.resolve("gallery"));
        float[] v = FACES.face(1, 1);
        StringBuilder vec = new StringBuilder();
        for (int i = 0; i < v.length; i++) {
            vec.append(i == 0 ? "" : ",").append(v[i]);
        }
        java.nio.file.Files.writeString(dir.resolve("gallery/gallery.json"), "{\"subjects\":{\"Paul\":[{\"id\":\"old-1\",\"source\":\"p.jpg\","
                + "\"sha256\":\"abc\",\"enrolledAtMillis\":5,\"descriptor\":[" + vec + "]}]}}");
        try (Catalog c = Catalog.open(dir, GallerySettings.defaults())) {
            assertEquals("Paul", c.collection(Catalog.DEFAULT).face("old-1").orElseThrow().subject());
        }
        assertFalse(java.nio.file.Files.exists(dir.resolve("gallery/gallery.json")));
        // run again with the file put back (a crash before the rename): nothing twice
        java.nio.file.Files.move(dir.resolve("gallery/gallery.json.imported"), dir.resolve("gallery/gallery.json"));
        try (Catalog c = Catalog.open(dir, GallerySettings.defaults())) {
            assertEquals(1, c.collection(Catalog.DEFAULT).faceCount());
            assertNull(c.collection(Catalog.DEFAULT).faces(null, 10, null).next());
        }
    }
}
