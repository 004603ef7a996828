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

    /** Nodes the graph searches of {@code query} with a beam of {@code efSearch} visit, over all segments (each segment's total hits). */
    public static long visits(Collection c, float[] query, int efSearch) throws java.io.IOException {
        try (FaceView v = c.view()) {
            long n = 0;
            for (org.apache.lucene.index.LeafReaderContext leaf : v.reader().leaves()) {
                n += leaf.reader().searchNearestVectors(FaceDocs.VECTOR, query, efSearch, leaf.reader().getLiveDocs(), Integer.MAX_VALUE).totalHits.value;
            }
            return n;
        }
    }

    /** Merges a collection's index down to its idle segment count now, as the idle merge does. */
    public static void mergeDown(Collection c) throws java.io.IOException {
        c.index().mergeDown();
    }
}
