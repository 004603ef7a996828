package io.facefleet.gallery;

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

    /** {@code quantizeBits} 0: float vectors; 7 or 4: a scalar-quantized copy beside the floats, which the graph compares. */
    static Codec of(int maxConn, int beamWidth, int quantizeBits) {
        KnnVectorsFormat hnsw = quantizeBits == 0 ? new Lucene99HnswVectorsFormat(maxConn, beamWidth)
                : new Lucene99HnswScalarQuantizedVectorsFormat(maxConn, beamWidth, 1, quantizeBits, false, null, null);
        return new Lucene912Codec() {
            @Override
            public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
                return hnsw;
            }
        };
    }
}
