package io.facefleet.gallery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.facefleet.testing.SyntheticFaces;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * facefleet.gallery.index.preload-vectors: with it, a reopened collection's vector files are
 * resident in the process before its first search (what Linux's /proc/self/smaps counts as the
 * mapping's Rss); without it only the pages read at open (headers, footers) are.
 */
@EnabledOnOs(OS.LINUX)
class PreloadVectorsTest {

    private static final SyntheticFaces FACES = new SyntheticFaces(33);
    /** 4,000 faces: 2 MB of float vectors, far more pages than opening a segment reads */
    private static final int SUBJECTS = 800;

    @TempDir
    Path dir;

    private static GallerySettings settings(boolean preload) {
        GallerySettings d = GallerySettings.defaults();
        return d.withIndex(d.index().withPreloadVectors(preload));
    }

    @Test
    void aReopenedCollectionsVectorsAreResidentBeforeItsFirstSearchOnlyWhenPreloaded() throws Exception {
        try (Catalog c = Catalog.open(dir, settings(true))) {
            Collection col = c.collection(Catalog.DEFAULT);
            for (int s = 0; s < SUBJECTS; s++) {
                List<NewFace> batch = new ArrayList<>();
                for (int p = 1; p <= 5; p++) {
                    batch.add(new NewFace(FACES.face(s, p), "s" + s + "-" + p, null));
                }
                col.enroll("s" + s, batch);
            }
        }
        long vectorBytes = SUBJECTS * 5L * SyntheticFaces.DIMENSION * Float.BYTES;
        try (Catalog c = Catalog.open(dir, settings(true))) {
            assertEquals(SUBJECTS * 5, c.collection(Catalog.DEFAULT).faceCount());
            long resident = residentKb(dir) * 1024;
            assertTrue(resident >= vectorBytes, "preloaded: " + resident + " bytes of the index files resident, the vectors alone are " + vectorBytes);
        }
        try (Catalog c = Catalog.open(dir, settings(false))) {
            assertEquals(SUBJECTS * 5, c.collection(Catalog.DEFAULT).faceCount());
            long resident = residentKb(dir) * 1024;
            assertTrue(resident < vectorBytes / 4, "not preloaded: " + resident + " bytes of the index files resident before any search");
        }
    }

    /** The Rss of this process's mappings of files under {@code root}, from /proc/self/smaps. */
    private static long residentKb(Path root) throws Exception {
        String prefix = root.toRealPath().toString();
        long kb = 0;
        boolean ours = false;
        for (String line : Files.readAllLines(Path.of("/proc/self/smaps"))) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 5 && f[0].matches("[0-9a-f]+-[0-9a-f]+")) {
                ours = f.length >= 6 && f[5].startsWith(prefix);
            } else if (ours && f[0].equals("Rss:")) {
                kb += Long.parseLong(f[1]);
            }
        }
        return kb;
    }
}
