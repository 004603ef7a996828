package io.facefleet.gallery;

import java.util.concurrent.ExecutorService;
import org.apache.lucene.codecs.Codec;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene912.Lucene912Codec;
import org.apache.lucene.codecs.lucene99.Lucene99HnswScalarQuantizedVectorsFormat;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;

/**
 * The one place that names Lucene's codec and HNSW formats (the classes a move to Lucene 10
 * changes). An anonymous subclass keeps the codec's name, so readers need no registration; the
 * graph parameters matter only when writing (each segment records its vector format, so an index
 * may hold float and quantized segments side by side).
 */
final class HnswCodec {

    private HnswCodec() {
    }

    /**
     * {@code quantizeBits} 0: float vectors; 7 or 4: a scalar-quantized copy beside the floats, which the graph compares.
     * {@code mergeWorkers} threads of {@code mergeThreads} build a merged segment's graph; Lucene wants no executor for
     * 1 (its single-threaded merge), and with more and none it would fall back to the merge scheduler's, which on 2
     * cores runs the work on the merging thread alone.
     */
    static Codec of(int maxConn, int beamWidth, int quantizeBits, int mergeWorkers, ExecutorService mergeThreads) {
        if ((mergeWorkers > 1) != (mergeThreads != null)) {
            throw new IllegalArgumentException("an executor for more than one merge worker, and only then; got " + mergeWorkers
                    + " workers and " + (mergeThreads == null ? "none" : "one"));
        }
        KnnVectorsFormat hnsw = quantizeBits == 0 ? new Lucene99HnswVectorsFormat(maxConn, beamWidth, mergeWorkers, mergeThreads)
                : new Lucene99HnswScalarQuantizedVectorsFormat(maxConn, beamWidth, mergeWorkers, quantizeBits, false, null, mergeThreads);
        return new Lucene912Codec() {
            @Override
            public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
                return hnsw;
            }
        };
    }
}
