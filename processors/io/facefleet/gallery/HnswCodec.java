package io.facefleet.gallery;

import org.apache.lucene.codecs.Codec;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene912.Lucene912Codec;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;

/**
 * The one place that names Lucene's codec and HNSW format (the classes a move to Lucene 10
 * changes). An anonymous subclass keeps the codec's name, so readers need no registration; the
 * graph parameters matter only when writing.
 */
final class HnswCodec {

    private HnswCodec() {
    }

    static Codec of(int maxConn, int beamWidth) {
        KnnVectorsFormat hnsw = new Lucene99HnswVectorsFormat(maxConn, beamWidth);
        return new Lucene912Codec() {
            @Override
            public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
                return hnsw;
            }
        };
    }
}
