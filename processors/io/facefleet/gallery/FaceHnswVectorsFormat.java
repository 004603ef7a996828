package io.facefleet.gallery;

import java.io.IOException;
import java.util.concurrent.ExecutorService;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.KnnVectorsReader;
import org.apache.lucene.codecs.KnnVectorsWriter;
import org.apache.lucene.index.SegmentReadState;
import org.apache.lucene.index.SegmentWriteState;

/**
 * The gallery's float HNSW format: Lucene's HNSW graph and flat vector files, scored by
 * FaceVectorsScorer (SIMD distances when the JVM has them). Its own name, so each segment it
 * writes records it and is read back through it; Lucene finds it by that name
 * (META-INF/services/org.apache.lucene.codecs.KnnVectorsFormat, the no-argument constructor).
 * HnswCodec assembles the Lucene parts.
 */
public final class FaceHnswVectorsFormat extends KnnVectorsFormat {

    static final String NAME = "FacefleetHnsw99";

    private final int maxConn;
    private final int beamWidth;
    private final int mergeWorkers;
    private final ExecutorService mergeThreads;

    /** For reading: the graph parameters matter only when writing. */
    public FaceHnswVectorsFormat() {
        this(GallerySettings.defaults().maxConn(), GallerySettings.defaults().beamWidth(), 1, null);
    }

    FaceHnswVectorsFormat(int maxConn, int beamWidth, int mergeWorkers, ExecutorService mergeThreads) {
        super(NAME);
        HnswCodec.checkGraphParameters(maxConn, beamWidth, mergeWorkers, mergeThreads);
        this.maxConn = maxConn;
        this.beamWidth = beamWidth;
        this.mergeWorkers = mergeWorkers;
        this.mergeThreads = mergeThreads;
    }

    @Override
    public KnnVectorsWriter fieldsWriter(SegmentWriteState state) throws IOException {
        return HnswCodec.hnswWriter(state, maxConn, beamWidth, mergeWorkers, mergeThreads, FaceVectorsScorer.INSTANCE);
    }

    @Override
    public KnnVectorsReader fieldsReader(SegmentReadState state) throws IOException {
        return BatchedHnswVectorsReader.open(state, FaceVectorsScorer.INSTANCE);
    }

    @Override
    public int getMaxDimensions(String fieldName) {
        return HnswCodec.MAX_DIMENSIONS;
    }

    @Override
    public String toString() {
        return NAME + "(maxConn=" + maxConn + ", beamWidth=" + beamWidth + ", mergeWorkers=" + mergeWorkers + ", scorer="
                + FaceVectorsScorer.INSTANCE + ")";
    }
}
