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
 */
public record GallerySettings(int maxCollections, int maxFaces, int maxNameLength, int exactBelow, int maxConn, int beamWidth,
                              int efSearch, int commitEvery, int batchMax) {

    /** The values application.properties ships with. */
    public static GallerySettings defaults() {
        return new GallerySettings(100, 2_000_000, 100, 10_000, 16, 100, 400, 50_000, 512);
    }

    public GallerySettings withMaxFaces(int n) {
        return new GallerySettings(maxCollections, n, maxNameLength, exactBelow, maxConn, beamWidth, efSearch, commitEvery, batchMax);
    }

    public GallerySettings withExactBelow(int n) {
        return new GallerySettings(maxCollections, maxFaces, maxNameLength, n, maxConn, beamWidth, efSearch, commitEvery, batchMax);
    }

    public GallerySettings withCommitEvery(int n) {
        return new GallerySettings(maxCollections, maxFaces, maxNameLength, exactBelow, maxConn, beamWidth, efSearch, n, batchMax);
    }

    public GallerySettings withLimits(int collections, int nameLength) {
        return new GallerySettings(collections, maxFaces, nameLength, exactBelow, maxConn, beamWidth, efSearch, commitEvery, batchMax);
    }
}
