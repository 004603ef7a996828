package io.facefleet.gallery;

/** What the gallery benchmark (io.facefleet.bench) reads that is not public: a collection's segment count, and its idle merge run now. */
public final class BenchAccess {

    private BenchAccess() {
    }

    /** Number of Lucene segments of a collection's current view. */
    public static int segments(Collection c) {
        try (FaceView v = c.view()) {
            return v.reader().leaves().size();
        }
    }

    /** Merges a collection's index down to its idle segment count now, as the idle merge does. */
    public static void mergeDown(Collection c) throws java.io.IOException {
        c.index().mergeDown();
    }
}
