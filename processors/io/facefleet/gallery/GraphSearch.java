package io.facefleet.gallery;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which searcher walks the float HNSW graph (facefleet.gallery.hnsw.searcher): ours, which scores
 * a node's unvisited neighbours as a batch after touching their vectors' cache lines so the memory
 * misses overlap (BatchedHnswSearcher), or Lucene's, which fetches and scores them one at a time.
 * Both give the same answers. One choice per JVM, read at each search, because Lucene opens
 * segments through a format instance it creates itself.
 */
public final class GraphSearch {

    private static final Logger LOG = LoggerFactory.getLogger(GraphSearch.class);

    /** the settings' values */
    public enum Mode {
        /** batches, every 64-byte line of each gathered vector touched before scoring */
        BATCHED("batched"),
        /** batches, only each vector's first line touched (the hardware prefetcher is left the rest) */
        BATCHED_FIRST_LINE("batched-first-line"),
        /** Lucene's HnswGraphSearcher */
        LUCENE("lucene");

        final String setting;

        Mode(String setting) {
            this.setting = setting;
        }
    }

    private static volatile Mode mode = Mode.BATCHED;

    private GraphSearch() {
    }

    /** Picks the searcher from the setting's value, logging it. */
    public static void use(String setting) {
        for (Mode m : Mode.values()) {
            if (m.setting.equals(setting)) {
                LOG.info("HNSW graph searcher: {}", m.setting);
                use(m);
                return;
            }
        }
        throw new IllegalArgumentException("facefleet.gallery.hnsw.searcher is batched, batched-first-line or lucene; got '" + setting + "'");
    }

    /** Installs a mode without a log line (tests switch at each search). */
    static void use(Mode m) {
        mode = m;
    }

    static Mode mode() {
        return mode;
    }

    /** What the JVM uses, in words (benchmark reports). */
    public static String describe() {
        return "graph searcher " + mode.setting;
    }
}
