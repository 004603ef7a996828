package io.facefleet.gallery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.facefleet.testing.SyntheticFaces;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An idle collection is merged down to one segment in the background, the merge is committed
 * (a reopen finds it), and it loses or repeats no face, even when a killed process leaves
 * enrolments made after the merge in the journal only.
 */
class IdleMergeTest {

    private static final SyntheticFaces FACES = new SyntheticFaces(21);

    @TempDir
    Path dir;

    /** A commit every 10 changes, so every two enrolments of 5 faces write a segment. */
    private static GallerySettings settings(long mergeWhenIdleMs) {
        GallerySettings d = GallerySettings.defaults();
        return d.withCommitEvery(10).withIndex(d.index().withIdleMerge(mergeWhenIdleMs, 1));
    }

    private static List<String> enrol(Collection col, int from, int to) {
        List<String> ids = new ArrayList<>();
        for (int s = from; s < to; s++) {
            List<NewFace> batch = new ArrayList<>();
            for (int p = 1; p <= 5; p++) {
                batch.add(new NewFace(FACES.face(s, p), "s" + s + "-" + p, null));
            }
            col.enroll("s" + s, batch).forEach(e -> ids.add(e.id()));
        }
        return ids;
    }

    private static int segments(Collection col) {
        try (FaceView v = col.view()) {
            return v.reader().leaves().size();
        }
    }

    private static void awaitOneSegment(Collection col) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (segments(col) > 1) {
            assertTrue(System.nanoTime() < deadline, "still " + segments(col) + " segments a minute after the last change");
            Thread.sleep(50);
        }
    }

    private static void assertEveryFaceOnce(Collection col, List<String> ids) {
        assertEquals(ids.size(), col.faceCount());
        for (String id : ids) {
            assertTrue(col.face(id).isPresent(), id + " lost");
        }
    }

    @Test
    void anIdleCollectionIsMergedToOneSegmentThatAReopenKeeps() throws Exception {
        List<String> ids;
        try (Catalog c = Catalog.open(dir, settings(0))) {
            Collection col = c.collection(Catalog.DEFAULT);
            ids = enrol(col, 0, 16);
            assertTrue(segments(col) > 1, "the test needs several segments, has " + segments(col));
        }
        try (Catalog c = Catalog.open(dir, settings(200))) {
            Collection col = c.collection(Catalog.DEFAULT);
            awaitOneSegment(col);
            assertEveryFaceOnce(col, ids);
            assertEquals("s3", col.searchExact(FACES.face(3, 99), 1).get(0).subject());
        }
        Indexes.assertClean(dir);
        // merging off: what the reopen finds is the merge's commit
        try (Catalog c = Catalog.open(dir, settings(0))) {
            Collection col = c.collection(Catalog.DEFAULT);
            assertEquals(1, segments(col));
            assertEveryFaceOnce(col, ids);
        }
    }

    @Test
    void enrolmentsAfterAMergeSurviveAKillOnceEach() throws Exception {
        List<String> ids;
        {
            Catalog c = Catalog.open(dir, settings(200));
            Collection col = c.collection(Catalog.DEFAULT);
            ids = enrol(col, 0, 16);
            awaitOneSegment(col);
            // 3 faces: below commit-every, so they are in the journal and the index, not in a commit
            col.enroll("late", List.of(new NewFace(FACES.face(99, 1), "late-1", null), new NewFace(FACES.face(99, 2), "late-2", null),
                    new NewFace(FACES.face(99, 3), "late-3", null))).forEach(e -> ids.add(e.id()));
            // a merge now must not commit them under the last commit's journal position (a reopen would replay them twice)
            col.index().mergeDown();
            // like a killed process: the journal and the last commit
            c.closeWithoutCommit();
        }
        try (Catalog c = Catalog.open(dir, settings(0))) {
            Collection col = c.collection(Catalog.DEFAULT);
            assertEveryFaceOnce(col, ids);
        }
        Indexes.assertClean(dir);
    }

    @Test
    void anIdleMergerWhoseIndexDirectoryIsDeletedStops(@TempDir Path gone) throws Exception {
        Catalog c = Catalog.open(gone, settings(200));
        Collection col = c.collection(Catalog.DEFAULT);
        enrol(col, 0, 4);
        String merger;
        try (var dirs = java.nio.file.Files.list(gone.resolve("gallery").resolve("c"))) {
            merger = "gallery-idle-merge-" + dirs.filter(java.nio.file.Files::isDirectory).findFirst().orElseThrow().getFileName();
        }
        assertTrue(alive(merger), merger + " runs while the collection is open");
        // as a test's temporary directory goes while its JVM's catalogue stays open
        Catalog.deleteTree(gone);
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (alive(merger)) {
            assertTrue(System.nanoTime() < deadline, merger + " still runs 30 s after its directory went");
            Thread.sleep(50);
        }
        try {
            c.closeWithoutCommit();
        } catch (java.io.IOException | RuntimeException expected) {
            // its files are gone: only the threads mattered here
        }
    }

    private static boolean alive(String threadName) {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals(threadName) && t.isAlive());
    }
}
