package io.facefleet.gallery;

import java.io.IOException;
import org.apache.lucene.codecs.KnnVectorsReader;
import org.apache.lucene.codecs.hnsw.FlatVectorsReader;
import org.apache.lucene.codecs.hnsw.FlatVectorsScorer;
import org.apache.lucene.codecs.hnsw.HnswGraphProvider;
import org.apache.lucene.codecs.lucene99.Lucene99FlatVectorsFormat;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsReader;
import org.apache.lucene.index.ByteVectorValues;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.FieldInfos;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.SegmentReadState;
import org.apache.lucene.index.VectorEncoding;
import org.apache.lucene.search.KnnCollector;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.hnsw.HnswGraph;
import org.apache.lucene.util.hnsw.OrdinalTranslatedKnnCollector;
import org.apache.lucene.util.hnsw.RandomVectorScorer;

/**
 * FaceHnswVectorsFormat's reader: Lucene's HNSW reader for everything (vectors, graph, merges,
 * integrity), except that a float graph search runs BatchedHnswSearcher over Lucene's graph with
 * the format's scorer, unless facefleet.gallery.hnsw.searcher chose Lucene's (GraphSearch).
 * The cases Lucene's reader answers without its graph searcher (empty field, k 0, k at least the
 * vector count: a plain scan) stay with it.
 */
final class BatchedHnswVectorsReader extends KnnVectorsReader implements HnswGraphProvider {

    private final FieldInfos fieldInfos;
    private final FlatVectorsReader flat;
    private final Lucene99HnswVectorsReader lucene;

    private BatchedHnswVectorsReader(FieldInfos fieldInfos, FlatVectorsReader flat, Lucene99HnswVectorsReader lucene) {
        this.fieldInfos = fieldInfos;
        this.flat = flat;
        this.lucene = lucene;
    }

    /** Lucene 9.9's HNSW files of one segment, scored by {@code scorer}. */
    static BatchedHnswVectorsReader open(SegmentReadState state, FlatVectorsScorer scorer) throws IOException {
        FlatVectorsReader flat = new Lucene99FlatVectorsFormat(scorer).fieldsReader(state);
        try {
            return new BatchedHnswVectorsReader(state.fieldInfos, flat, new Lucene99HnswVectorsReader(state, flat));
        } catch (IOException | RuntimeException e) {
            flat.close();
            throw e;
        }
    }

    @Override
    public void search(String field, float[] target, KnnCollector knnCollector, Bits acceptDocs) throws IOException {
        GraphSearch.Mode mode = GraphSearch.mode();
        FieldInfo info = fieldInfos.fieldInfo(field);
        if (mode == GraphSearch.Mode.LUCENE || info == null || info.getVectorEncoding() != VectorEncoding.FLOAT32 || knnCollector.k() == 0) {
            lucene.search(field, target, knnCollector, acceptDocs);
            return;
        }
        FloatVectorValues values = flat.getFloatVectorValues(field);
        RandomVectorScorer scorer = flat.getRandomVectorScorer(field, target);
        if (values.size() == 0 || knnCollector.k() >= scorer.maxOrd()) {
            lucene.search(field, target, knnCollector, acceptDocs);
            return;
        }
        // the graph holds ordinals; the collector wants documents
        KnnCollector collector = new OrdinalTranslatedKnnCollector(knnCollector, scorer::ordToDoc);
        BatchedHnswSearcher.search(scorer, collector, lucene.getGraph(field), scorer.getAcceptOrds(acceptDocs),
                VectorLines.over(values, mode == GraphSearch.Mode.BATCHED));
    }

    @Override
    public void search(String field, byte[] target, KnnCollector knnCollector, Bits acceptDocs) throws IOException {
        lucene.search(field, target, knnCollector, acceptDocs);
    }

    @Override
    public HnswGraph getGraph(String field) throws IOException {
        return lucene.getGraph(field);
    }

    @Override
    public FloatVectorValues getFloatVectorValues(String field) throws IOException {
        return lucene.getFloatVectorValues(field);
    }

    @Override
    public ByteVectorValues getByteVectorValues(String field) throws IOException {
        return lucene.getByteVectorValues(field);
    }

    @Override
    public void checkIntegrity() throws IOException {
        lucene.checkIntegrity();
    }

    @Override
    public long ramBytesUsed() {
        return lucene.ramBytesUsed();
    }

    @Override
    public void close() throws IOException {
        // closes the flat reader too
        lucene.close();
    }
}
