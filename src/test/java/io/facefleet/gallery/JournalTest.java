package io.facefleet.gallery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.facefleet.testing.SyntheticFaces;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal on reopen: a torn last frame is cut off, damage before the end refuses to open. */
class JournalTest {

    private static final SyntheticFaces FACES = new SyntheticFaces(3);

    @TempDir
    Path dir;

    /** Enrols three subjects with no index commit (they live in the journal only) and returns the journal segment. */
    private Path journalOfThree() throws Exception {
        Catalog c = Catalog.open(dir, GallerySettings.defaults());
        Collection col = c.collection(Catalog.DEFAULT);
        for (int s = 0; s < 3; s++) {
            col.enroll("s" + s, List.of(new NewFace(FACES.face(s, 1), "x", null)));
        }
        // like a killed process: nothing but the journal holds the three
        c.closeWithoutCommit();
        try (Stream<Path> segs = Files.list(onlyCollectionDir().resolve("journal"))) {
            List<Path> all = new ArrayList<>(segs.sorted().toList());
            return all.get(all.size() - 1);
        }
    }

    private Path onlyCollectionDir() throws Exception {
        try (Stream<Path> dirs = Files.list(dir.resolve("gallery/c"))) {
            return dirs.findFirst().orElseThrow();
        }
    }

    private long faces() {
        try (Catalog c = Catalog.open(dir, GallerySettings.defaults())) {
            return c.collection(Catalog.DEFAULT).faceCount();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aTornLastFrameIsCutOffAndTheRestIsKept() throws Exception {
        Path seg = journalOfThree();
        long size = Files.size(seg);
        // half of a fourth frame, as a write cut short by a crash leaves it
        Files.write(seg, new byte[] {0, 0, 2, 0, 1, 2, 3, 4, 0, 0}, StandardOpenOption.APPEND);
        assertEquals(3, faces());
        assertEquals(size, Files.size(seg), "the torn bytes are gone");
        // the last whole frame torn in half: it was never acknowledged, so two remain
        try (var ch = java.nio.channels.FileChannel.open(seg, StandardOpenOption.WRITE)) {
            ch.truncate(size - 100);
        }
        assertEquals(2, faces());
    }

    @Test
    void aBadFrameBeforeGoodOnesRefusesToOpenWithACleanMessage() throws Exception {
        Path seg = journalOfThree();
        byte[] bytes = Files.readAllBytes(seg);
        // one flipped byte in the first frame's payload
        bytes[LocalJournal.HEADER + 40] ^= 0x5a;
        Files.write(seg, bytes);
        GalleryException e = assertThrows(GalleryException.class, () -> Catalog.open(dir, GallerySettings.defaults()));
        assertTrue(e.getMessage().contains("is damaged at byte 0"), e.getMessage());
        assertTrue(e.getMessage().contains("does not open"), e.getMessage());
    }

    @Test
    void aCommitLeavesNothingToReplay() throws Exception {
        Catalog c = Catalog.open(dir, GallerySettings.defaults());
        Collection col = c.collection(Catalog.DEFAULT);
        col.enroll("s0", List.of(new NewFace(FACES.face(0, 1), "x", null)));
        c.commit();
        c.closeWithoutCommit();
        try (Stream<Path> segs = Files.list(onlyCollectionDir().resolve("journal"))) {
            for (Path seg : segs.toList()) {
                assertEquals(0, Files.size(seg), "the journal after a commit starts empty: " + seg);
            }
        }
        assertEquals(1, faces());
    }
}
