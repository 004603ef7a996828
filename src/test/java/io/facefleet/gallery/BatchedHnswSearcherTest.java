package io.facefleet.gallery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The batched graph searcher answers exactly as Lucene's own searcher on the same index: the same
 * documents with the same scores in the same order, the same visited counts, the same early stop
 * at a visit limit, with deleted documents and a filter, over several segments and over one merged
 * segment. Each search runs the index once with Lucene's searcher and once with each batched mode.
 */
class BatchedHnswSearcherTest {

    private static final int FACES = 4000;
    private static final int SEGMENTS = 4;
    private static final int K = 10;
    private static final int QUERIES = 150;

    @TempDir
    Path tmp;

    @AfterEach
    void shippedChoice() {
        GraphSearch.use(GraphSearch.Mode.BATCHED);
    }

    @Test
    void sameHitsAsLucenesSearcherOverSegmentsAndAfterAMerge() throws IOException {
        try (FSDirectory dir = FSDirectory.open(tmp.resolve("index"))) {
            Random r = new Random(16);
            try (IndexWriter w = new IndexWriter(dir, FaceHnswVectorsFormatTest.config(HnswCodec.of(16, 100, 0, 1, null))
                    .setMergePolicy(NoMergePolicy.INSTANCE))) {
                for (int part = 0; part < SEGMENTS; part++) {
                    for (int i = part * FACES / SEGMENTS; i < (part + 1) * FACES / SEGMENTS; i++) {
                        w.addDocument(doc(i, SimdSquareDistanceTest.unit(r)));
                    }
                    w.commit();
                }
                deleteEvery(w, 7);
            }
            try (DirectoryReader reader = DirectoryReader.open(dir)) {
                assertEquals(SEGMENTS, reader.leaves().size());
                assertTrue(reader.hasDeletions());
                assertSameAsLucene(reader, 1);
            }
            try (IndexWriter w = new IndexWriter(dir, FaceHnswVectorsFormatTest.config(HnswCodec.of(16, 100, 0, 1, null)))) {
                w.forceMerge(1);
                deleteEvery(w, 11);
            }
            try (DirectoryReader reader = DirectoryReader.open(dir)) {
                assertEquals(1, reader.leaves().size());
                assertTrue(reader.hasDeletions());
                assertEquals(FaceHnswVectorsFormat.NAME, FaceHnswVectorsFormatTest.format(reader.leaves().get(0)));
                assertSameAsLucene(reader, 2);
            }
        }
    }

    @Test
    void anUnknownSearcherIsRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GraphSearch.use("fast"));
        assertEquals("facefleet.gallery.hnsw.searcher is batched, batched-first-line or lucene; got 'fast'", e.getMessage());
    }

    /** Every query, through the index searcher (unfiltered and filtered) and each segment on its own (a small and no visit limit). */
    private static void assertSameAsLucene(DirectoryReader reader, long seed) throws IOException {
        IndexSearcher searcher = new IndexSearcher(reader);
        Random r = new Random(seed);
        long before = BatchedHnswSearcher.searches();
        for (int q = 0; q < QUERIES; q++) {
            float[] query = SimdSquareDistanceTest.unit(r);
            List<Query> queries = List.of(new KnnFloatVectorQuery(FaceDocs.VECTOR, query, K),
                    new KnnFloatVectorQuery(FaceDocs.VECTOR, query, K, new TermQuery(new Term("group", "g" + q % 3))));
            for (Query knn : queries) {
                String lucene = hits(search(searcher, knn, GraphSearch.Mode.LUCENE), GraphSearch.Mode.LUCENE);
                for (GraphSearch.Mode batched : List.of(GraphSearch.Mode.BATCHED, GraphSearch.Mode.BATCHED_FIRST_LINE)) {
                    assertEquals(lucene, hits(search(searcher, knn, batched), batched), "query " + q + ", " + knn + ", " + batched);
                }
            }
            for (LeafReaderContext leaf : reader.leaves()) {
                for (int visitLimit : new int[] {40, Integer.MAX_VALUE}) {
                    GraphSearch.use(GraphSearch.Mode.LUCENE);
                    String lucene = visited(leaf.reader().searchNearestVectors(FaceDocs.VECTOR, query, K, leaf.reader().getLiveDocs(), visitLimit));
                    for (GraphSearch.Mode batched : List.of(GraphSearch.Mode.BATCHED, GraphSearch.Mode.BATCHED_FIRST_LINE)) {
                        GraphSearch.use(batched);
                        assertEquals(lucene, visited(leaf.reader().searchNearestVectors(FaceDocs.VECTOR, query, K, leaf.reader().getLiveDocs(),
                                visitLimit)), "query " + q + ", segment " + leaf.ord + ", visit limit " + visitLimit + ", " + batched);
                    }
                }
            }
        }
        assertTrue(BatchedHnswSearcher.searches() > before, "the batched searcher never ran");
    }

    private static TopDocs search(IndexSearcher searcher, Query q, GraphSearch.Mode mode) throws IOException {
        GraphSearch.use(mode);
        return searcher.search(q, K);
    }

    /** Lucene's answer is computed first, under LUCENE; the batched one under its mode. */
    private static String hits(TopDocs top, GraphSearch.Mode mode) {
        StringBuilder s = new StringBuilder();
        for (ScoreDoc d : top.scoreDocs) {
            s.append(d.doc).append(':').append(Float.floatToIntBits(d.score)).append(' ');
        }
        assertEquals(K, top.scoreDocs.length, "fewer than K hits under " + mode);
        return s.toString();
    }

    /** Hits, scores and the visited count with its relation (a visit limit stops the search: relation GREATER_THAN_OR_EQUAL_TO). */
    private static String visited(TopDocs top) {
        StringBuilder s = new StringBuilder(top.totalHits.toString()).append(" / ");
        for (ScoreDoc d : top.scoreDocs) {
            s.append(d.doc).append(':').append(Float.floatToIntBits(d.score)).append(' ');
        }
        return s.toString();
    }

    private static Document doc(int i, float[] v) {
        Document d = new Document();
        d.add(new StringField("id", "f" + i, Field.Store.NO));
        d.add(new StringField("group", "g" + i % 3, Field.Store.NO));
        d.add(new KnnFloatVectorField(FaceDocs.VECTOR, v, VectorSimilarityFunction.EUCLIDEAN));
        return d;
    }

    private static void deleteEvery(IndexWriter w, int every) throws IOException {
        List<Term> ids = new ArrayList<>();
        for (int i = 0; i < FACES; i += every) {
            ids.add(new Term("id", "f" + i));
        }
        w.deleteDocuments(ids.toArray(Term[]::new));
        w.commit();
    }
}
