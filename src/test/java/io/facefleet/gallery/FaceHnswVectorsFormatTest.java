package io.facefleet.gallery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.lucene.codecs.Codec;
import org.apache.lucene.codecs.perfield.PerFieldKnnVectorsFormat;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gallery's own HNSW format: the graph it builds and searches with the SIMD distance answers
 * as the exact scan does; indexes Lucene's plain format wrote still open, and a merge rewrites
 * them in ours; without the SIMD distance everything goes through Lucene's scorer.
 */
class FaceHnswVectorsFormatTest {

    private static final int FACES = 300;
    private static final int K = 10;

    @TempDir
    Path tmp;

    /** counts the SIMD distances the index computes */
    private final AtomicLong simdCalls = new AtomicLong();

    @AfterEach
    void shippedChoice() {
        VectorDistances.use(VectorDistances.SIMD);
    }

    @Test
    void graphBuiltAndSearchedWithSimdAnswersAsTheExactScan() throws IOException {
        countSimdDistances();
        try (FSDirectory dir = FSDirectory.open(tmp.resolve("index"))) {
            List<float[]> faces = faces(1);
            try (IndexWriter w = new IndexWriter(dir, config(HnswCodec.of(16, 100, 0, 1, null)))) {
                // three segments (flush), then one (merge): both build graphs
                for (int part = 0; part < 3; part++) {
                    add(w, faces.subList(part * FACES / 3, (part + 1) * FACES / 3));
                    w.commit();
                }
                long afterFlush = simdCalls.get();
                assertTrue(afterFlush > 0, "the flushed graphs were built without the SIMD distance");
                w.forceMerge(1);
                assertTrue(simdCalls.get() > afterFlush, "the merged graph was built without the SIMD distance");
            }
            try (DirectoryReader reader = DirectoryReader.open(dir)) {
                assertEquals(1, reader.leaves().size());
                assertEquals(FaceHnswVectorsFormat.NAME, format(reader.leaves().get(0)));
                long beforeSearch = simdCalls.get();
                assertSameAsExact(reader, 2);
                assertTrue(simdCalls.get() > beforeSearch, "the graph was searched without the SIMD distance");
            }
        }
    }

    @Test
    void indexLucenesFormatWroteOpensSearchesAndMergesIntoOurs() throws IOException {
        try (FSDirectory dir = FSDirectory.open(tmp.resolve("index"))) {
            List<float[]> faces = faces(3);
            // as an earlier build wrote galleries: Lucene's codec and its Lucene99HnswVectorsFormat
            try (IndexWriter w = new IndexWriter(dir, new IndexWriterConfig().setMergePolicy(NoMergePolicy.INSTANCE))) {
                add(w, faces.subList(0, FACES / 2));
                w.commit();
                add(w, faces.subList(FACES / 2, FACES));
                w.commit();
            }
            try (DirectoryReader reader = DirectoryReader.open(dir)) {
                assertEquals(2, reader.leaves().size());
                for (LeafReaderContext leaf : reader.leaves()) {
                    assertEquals("Lucene99HnswVectorsFormat", format(leaf));
                }
            }
            countSimdDistances();
            try (IndexWriter w = new IndexWriter(dir, config(HnswCodec.of(16, 100, 0, 1, null)))) {
                try (DirectoryReader reader = DirectoryReader.open(w)) {
                    assertSameAsExact(reader, 4);
                }
                w.forceMerge(1);
                w.commit();
            }
            try (DirectoryReader reader = DirectoryReader.open(dir)) {
                assertEquals(1, reader.leaves().size());
                assertEquals(FaceHnswVectorsFormat.NAME, format(reader.leaves().get(0)));
                long beforeSearch = simdCalls.get();
                assertSameAsExact(reader, 5);
                assertTrue(simdCalls.get() > beforeSearch, "the merged segment was searched without the SIMD distance");
            }
        }
    }

    @Test
    void withoutTheVectorModuleLucenesScorerBuildsAndSearches() throws IOException {
        VectorDistances.Choice fallback = VectorDistances.choose(VectorDistances.SIMD, false);
        assertEquals(null, fallback.simd());
        assertTrue(fallback.warn());
        assertTrue(fallback.description().contains("--add-modules jdk.incubator.vector"), fallback.description());
        VectorDistances.use(fallback);
        try (FSDirectory dir = FSDirectory.open(tmp.resolve("index"))) {
            try (IndexWriter w = new IndexWriter(dir, config(HnswCodec.of(16, 100, 0, 1, null)))) {
                add(w, faces(6));
                w.forceMerge(1);
            }
            try (DirectoryReader reader = DirectoryReader.open(dir)) {
                assertEquals(FaceHnswVectorsFormat.NAME, format(reader.leaves().get(0)));
                assertSameAsExact(reader, 7);
            }
        }
    }

    @Test
    void lucenesScorerCanBeChosenWithTheModulePresent() {
        VectorDistances.Choice lucene = VectorDistances.choose(VectorDistances.LUCENE, true);
        assertEquals(null, lucene.simd());
        assertEquals(false, lucene.warn());
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> VectorDistances.choose("fast", true));
        assertEquals("facefleet.gallery.vector-distance is simd or lucene; got 'fast'", e.getMessage());
    }

    /** Installs the SIMD distance with a counter in front. */
    private void countSimdDistances() {
        SquareDistance simd = new SimdSquareDistance();
        VectorDistances.use(new VectorDistances.Choice((a, b) -> {
            simdCalls.incrementAndGet();
            return simd.between(a, b);
        }, "vector distances: SIMD, counted (test)", false));
    }

    /** The top K of the graph (searching all faces' worth of candidates) are the exact scan's, scored 1 / (1 + d^2). */
    static void assertSameAsExact(DirectoryReader reader, long seed) throws IOException {
        IndexSearcher searcher = new IndexSearcher(reader);
        Random r = new Random(seed);
        for (int q = 0; q < 20; q++) {
            float[] query = SimdSquareDistanceTest.unit(r);
            ScoreDoc[] hits = searcher.search(new KnnFloatVectorQuery(FaceDocs.VECTOR, query, FACES), FACES).scoreDocs;
            List<ExactSearch.Scored> exact = ExactSearch.top(reader, query, K);
            for (int i = 0; i < K; i++) {
                assertEquals(exact.get(i).doc(), hits[i].doc, "query " + q + ", hit " + i);
                double d = exact.get(i).distance();
                assertEquals(1 / (1 + d * d), hits[i].score, 1e-6, "query " + q + ", score of hit " + i);
            }
        }
    }

    static String format(LeafReaderContext leaf) {
        FieldInfo field = leaf.reader().getFieldInfos().fieldInfo(FaceDocs.VECTOR);
        return field.getAttribute(PerFieldKnnVectorsFormat.PER_FIELD_FORMAT_KEY);
    }

    static IndexWriterConfig config(Codec codec) {
        return new IndexWriterConfig().setCodec(codec);
    }

    static void add(IndexWriter w, List<float[]> faces) throws IOException {
        for (float[] f : faces) {
            Document d = new Document();
            d.add(new KnnFloatVectorField(FaceDocs.VECTOR, f, VectorSimilarityFunction.EUCLIDEAN));
            w.addDocument(d);
        }
    }

    static List<float[]> faces(long seed) {
        Random r = new Random(seed);
        List<float[]> out = new ArrayList<>();
        for (int i = 0; i < FACES; i++) {
            out.add(SimdSquareDistanceTest.unit(r));
        }
        return out;
    }
}
