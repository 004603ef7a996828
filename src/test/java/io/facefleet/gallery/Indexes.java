package io.facefleet.gallery;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.apache.lucene.index.CheckIndex;
import org.apache.lucene.store.FSDirectory;

/** Checks on a collection's files, for tests: Lucene's CheckIndex over its index. */
final class Indexes {

    private Indexes() {
    }

    /** CheckIndex's verdict on every collection index under a data directory (close the catalogue first). */
    static void assertClean(Path dataDir) throws IOException {
        try (var dirs = java.nio.file.Files.list(dataDir.resolve("gallery/c"))) {
            for (Path c : dirs.toList()) {
                assertClean(FSDirectory.open(c.resolve("index")), c);
            }
        }
    }

    private static void assertClean(FSDirectory dir, Path where) throws IOException {
        try (dir; CheckIndex check = new CheckIndex(dir)) {
            ByteArrayOutputStream log = new ByteArrayOutputStream();
            check.setInfoStream(new PrintStream(log, true, StandardCharsets.UTF_8));
            CheckIndex.Status status = check.checkIndex();
            if (!status.clean) {
                throw new AssertionError("CheckIndex finds " + where + " damaged:\n" + log.toString(StandardCharsets.UTF_8));
            }
        }
    }
}
