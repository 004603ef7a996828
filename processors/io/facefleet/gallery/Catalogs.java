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
        for (Catalog c : OPEN.values()) {
            try {
                c.commit();
            } catch (RuntimeException e) {
                System.err.println("gallery: commit on exit failed for " + c + ": " + e);
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
