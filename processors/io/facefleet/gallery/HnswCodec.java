package io.facefleet.gallery;

import java.io.IOException;
import java.util.concurrent.ExecutorService;
import org.apache.lucene.codecs.Codec;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.KnnVectorsWriter;
import org.apache.lucene.codecs.hnsw.FlatVectorScorerUtil;
import org.apache.lucene.codecs.hnsw.FlatVectorsScorer;
import org.apache.lucene.codecs.lucene912.Lucene912Codec;
import org.apache.lucene.codecs.lucene99.Lucene99FlatVectorsFormat;
import org.apache.lucene.codecs.lucene99.Lucene99HnswScalarQuantizedVectorsFormat;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsWriter;
import org.apache.lucene.index.SegmentWriteState;
import org.apache.lucene.search.TaskExecutor;

/**
 * The one place that names Lucene's codec and HNSW formats, with BatchedHnswVectorsReader, which
 * wraps Lucene's HNSW reader (the classes a move to Lucene 10 changes). An anonymous subclass
 * keeps the codec's name, so readers need no registration; the graph parameters matter only when
 * writing (each segment records its vector format, so an index may hold float and quantized
 * segments side by side). Float vectors are written in
 * FaceHnswVectorsFormat, assembled here from Lucene 9.9's HNSW parts with our scorer; segments an
 * older build wrote in Lucene99HnswVectorsFormat are still read by Lucene's own format (by the name
 * each segment records) and rewritten in ours when merged.
 */
final class HnswCodec {

    /** the most dimensions Lucene's HNSW format accepts */
    static final int MAX_DIMENSIONS = 1024;

    private HnswCodec() {
    }

    /**
     * {@code quantizeBits} 0: float vectors; 7 or 4: a scalar-quantized copy beside the floats, which the graph compares.
     * {@code mergeWorkers} threads of {@code mergeThreads} build a merged segment's graph; Lucene wants no executor for
     * 1 (its single-threaded merge), and with more and none it would fall back to the merge scheduler's, which on 2
     * cores runs the work on the merging thread alone.
     */
    static Codec of(int maxConn, int beamWidth, int quantizeBits, int mergeWorkers, ExecutorService mergeThreads) {
        checkGraphParameters(maxConn, beamWidth, mergeWorkers, mergeThreads);
        KnnVectorsFormat hnsw = quantizeBits == 0 ? new FaceHnswVectorsFormat(maxConn, beamWidth, mergeWorkers, mergeThreads)
                : new Lucene99HnswScalarQuantizedVectorsFormat(maxConn, beamWidth, mergeWorkers, quantizeBits, false, null, mergeThreads);
        return new Lucene912Codec() {
            @Override
            public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
                return hnsw;
            }
        };
    }

    /** Lucene's limits on the graph parameters, and an executor for more than one merge worker only. */
    static void checkGraphParameters(int maxConn, int beamWidth, int mergeWorkers, ExecutorService mergeThreads) {
        if (maxConn <= 0 || maxConn > Lucene99HnswVectorsFormat.MAXIMUM_MAX_CONN) {
            throw new IllegalArgumentException("maxConn is 1 to " + Lucene99HnswVectorsFormat.MAXIMUM_MAX_CONN + "; got " + maxConn);
        }
        if (beamWidth <= 0 || beamWidth > Lucene99HnswVectorsFormat.MAXIMUM_BEAM_WIDTH) {
            throw new IllegalArgumentException("beamWidth is 1 to " + Lucene99HnswVectorsFormat.MAXIMUM_BEAM_WIDTH + "; got " + beamWidth);
        }
        if ((mergeWorkers > 1) != (mergeThreads != null)) {
            throw new IllegalArgumentException("an executor for more than one merge worker, and only then; got " + mergeWorkers
                    + " workers and " + (mergeThreads == null ? "none" : "one"));
        }
    }

    /** Lucene's scorer for its HNSW format (scalar Java on Java 17, Panama on the Java versions it supports). */
    static FlatVectorsScorer luceneScorer() {
        return FlatVectorScorerUtil.getLucene99FlatVectorsScorer();
    }

    /** Lucene 9.9's HNSW writer over its flat vector writer, both scoring with {@code scorer} (graph build at flush and merge). */
    static KnnVectorsWriter hnswWriter(SegmentWriteState state, int maxConn, int beamWidth, int mergeWorkers, ExecutorService mergeThreads,
                                       FlatVectorsScorer scorer) throws IOException {
        return new Lucene99HnswVectorsWriter(state, maxConn, beamWidth, new Lucene99FlatVectorsFormat(scorer).fieldsWriter(state),
                mergeWorkers, mergeThreads == null ? null : new TaskExecutor(mergeThreads));
    }
}
