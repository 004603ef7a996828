package io.facefleet.gallery;

/**
 * The gallery's limits and index parameters (facefleet.gallery.* in application.properties).
 *
 * @param maxCollections most collections besides none (the default one counts)
 * @param maxFaces most faces in one collection
 * @param maxNameLength longest collection name
 * @param exactBelow collections with fewer faces are searched by an exact scan, larger ones by HNSW
 * @param maxConn HNSW: neighbours per node
 * @param beamWidth HNSW: candidates considered while building the graph
 * @param efSearch HNSW: candidates considered while searching (at least k)
 * @param commitEvery changes between Lucene commits (the journal holds those since the last one)
 * @param batchMax most requests written to the journal with one fsync
 * @param index how the Lucene index is written and merged
 */
public record GallerySettings(int maxCollections, int maxFaces, int maxNameLength, int exactBelow, int maxConn, int beamWidth,
                              int efSearch, int commitEvery, int batchMax, IndexTuning index) {

    /**
     * How the index is written and merged (facefleet.gallery.index.*).
     *
     * @param ramBufferMb indexing buffer before a segment is flushed
     * @param segmentsPerTier the merge policy's segments allowed per size tier
     * @param mergeWhenIdleMs after this long without a change, merge down to {@code idleSegments} (0: never)
     * @param idleSegments segments an idle collection is merged down to
     * @param quantizeBits 0: the graph compares float vectors; 7 or 4: it compares scalar-quantized copies
     *                     (the answers are rescored from the floats)
     * @param applyThreads threads that add a group's entries to the index at once (each builds its own segment's graph)
     * @param mergeWorkers threads that build one merged segment's graph
     * @param preloadVectors map the vector and graph files in whole as a segment opens, so a search
     *                       never waits for a page of them to be mapped in
     */
    public record IndexTuning(int ramBufferMb, int segmentsPerTier, long mergeWhenIdleMs, int idleSegments, int quantizeBits,
                              int applyThreads, int mergeWorkers, boolean preloadVectors) {

        public IndexTuning {
            if (applyThreads < 1 || mergeWorkers < 1) {
                throw new IllegalArgumentException("facefleet.gallery.index.apply-threads and merge-workers are at least 1; got "
                        + applyThreads + " and " + mergeWorkers);
            }
        }

        public static IndexTuning defaults() {
            return new IndexTuning(64, 10, 30_000, 1, 0, 2, 2, true);
        }

        public IndexTuning withIdleMerge(long afterMs, int segments) {
            return new IndexTuning(ramBufferMb, segmentsPerTier, afterMs, segments, quantizeBits, applyThreads, mergeWorkers, preloadVectors);
        }

        public IndexTuning withQuantizeBits(int bits) {
            return new IndexTuning(ramBufferMb, segmentsPerTier, mergeWhenIdleMs, idleSegments, bits, applyThreads, mergeWorkers, preloadVectors);
        }

        public IndexTuning withPreloadVectors(boolean preload) {
            return new IndexTuning(ramBufferMb, segmentsPerTier, mergeWhenIdleMs, idleSegments, quantizeBits, applyThreads, mergeWorkers, preload);
        }

        public IndexTuning withThreads(int apply, int merge) {
            return new IndexTuning(ramBufferMb, segmentsPerTier, mergeWhenIdleMs, idleSegments, quantizeBits, apply, merge, preloadVectors);
        }
    }

    /** The values application.properties ships with. */
    public static GallerySettings defaults() {
        return new GallerySettings(100, 2_000_000, 100, 10_000, 16, 100, 400, 50_000, 512, IndexTuning.defaults());
    }

    public GallerySettings withMaxFaces(int n) {
        return new GallerySettings(maxCollections, n, maxNameLength, exactBelow, maxConn, beamWidth, efSearch, commitEvery, batchMax, index);
    }

    public GallerySettings withExactBelow(int n) {
        return new GallerySettings(maxCollections, maxFaces, maxNameLength, n, maxConn, beamWidth, efSearch, commitEvery, batchMax, index);
    }

    public GallerySettings withCommitEvery(int n) {
        return new GallerySettings(maxCollections, maxFaces, maxNameLength, exactBelow, maxConn, beamWidth, efSearch, n, batchMax, index);
    }

    public GallerySettings withLimits(int collections, int nameLength) {
        return new GallerySettings(collections, maxFaces, nameLength, exactBelow, maxConn, beamWidth, efSearch, commitEvery, batchMax, index);
    }

    public GallerySettings withHnsw(int conn, int beam, int ef) {
        return new GallerySettings(maxCollections, maxFaces, maxNameLength, exactBelow, conn, beam, ef, commitEvery, batchMax, index);
    }

    public GallerySettings withIndex(IndexTuning tuning) {
        return new GallerySettings(maxCollections, maxFaces, maxNameLength, exactBelow, maxConn, beamWidth, efSearch, commitEvery, batchMax, tuning);
    }
}
