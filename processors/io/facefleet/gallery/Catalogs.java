package io.facefleet.gallery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * One open {@link Catalog} per data directory in this JVM, shared by the service's tiers, the
 * CLI and tests that open the same directory (a Lucene index admits one writer). It stays open
 * while the JVM runs and commits when the JVM stops; every acknowledged change is already in the
 * journal, so nothing is lost when the JVM ends without that.
 */
public final class Catalogs {

    private static final Map<Path, Catalog> OPEN = new HashMap<>();

    static {
        // a stop that runs hooks (SIGTERM, the CLI's exit) commits, so the next start replays nothing;
        // a kill skips this and the journal covers it
        Runtime.getRuntime().addShutdownHook(new Thread(Catalogs::commitAll, "gallery-commit-on-exit"));
    }

    private Catalogs() {
    }

    private static synchronized void commitAll() {
        for (Map.Entry<Path, Catalog> open : OPEN.entrySet()) {
            Catalog c = open.getValue();
            if (!Files.isDirectory(open.getKey().resolve("gallery"))) {
                // deleted under us (a test's temporary directory): nothing to commit to
                continue;
            }
            try {
                c.commit();
            } catch (RuntimeException e) {
                System.err.println("gallery: commit on exit failed for " + open.getKey() + ": " + e);
            }
        }
    }

    /** The catalogue of a data directory; the settings of the first opening hold. */
    public static synchronized Catalog shared(Path dataDir, GallerySettings settings) {
        Path key;
        try {
            key = Files.createDirectories(dataDir).toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return OPEN.computeIfAbsent(key, k -> Catalog.open(k, settings));
    }
}
