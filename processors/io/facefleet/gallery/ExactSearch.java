package io.facefleet.gallery;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.util.Bits;

/**
 * The exact nearest faces: a scan of every live vector of a view, distances in doubles. The
 * search of small collections and the reference HNSW's recall is measured against.
 */
final class ExactSearch {

    /** A document of the view and its distance from the query. */
    record Scored(int doc, double distance) {
    }

    private ExactSearch() {
    }

    /** The {@code k} nearest of the candidates by their exact distance from the query (float vectors, distances in doubles). */
    static List<Scored> rescore(IndexReader reader, float[] query, ScoreDoc[] candidates, int k) throws IOException {
        int[] docs = new int[candidates.length];
        for (int i = 0; i < docs.length; i++) {
            docs[i] = candidates[i].doc;
        }
        // forward-only iterators: visit the candidates in document order, one iterator per segment
        Arrays.sort(docs);
        List<Scored> out = new ArrayList<>(docs.length);
        List<LeafReaderContext> leaves = reader.leaves();
        FloatVectorValues vectors = null;
        int leafIndex = -1;
        for (int doc : docs) {
            int li = ReaderUtil.subIndex(doc, leaves);
            LeafReaderContext leaf = leaves.get(li);
            if (li != leafIndex) {
                vectors = leaf.reader().getFloatVectorValues(FaceDocs.VECTOR);
                leafIndex = li;
            }
            int local = doc - leaf.docBase;
            if (vectors == null || vectors.advance(local) != local) {
                throw new IllegalStateException("face document " + doc + " has no vector");
            }
            out.add(new Scored(doc, Gallery.distance(query, vectors.vectorValue())));
        }
        out.sort(Comparator.comparingDouble(Scored::distance));
        return out.size() > k ? out.subList(0, k) : out;
    }

    static List<Scored> top(IndexReader reader, float[] query, int k) throws IOException {
        PriorityQueue<Scored> worst = new PriorityQueue<>(Comparator.comparingDouble(Scored::distance).reversed());
        for (LeafReaderContext leaf : reader.leaves()) {
            FloatVectorValues vectors = leaf.reader().getFloatVectorValues(FaceDocs.VECTOR);
            if (vectors == null) {
                continue;
            }
            Bits live = leaf.reader().getLiveDocs();
            for (int doc = vectors.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = vectors.nextDoc()) {
                if (live != null && !live.get(doc)) {
                    continue;
                }
                double d = Gallery.distance(query, vectors.vectorValue());
                if (worst.size() < k) {
                    worst.add(new Scored(leaf.docBase + doc, d));
                } else if (d < worst.peek().distance()) {
                    worst.poll();
                    worst.add(new Scored(leaf.docBase + doc, d));
                }
            }
        }
        List<Scored> out = new ArrayList<>(worst);
        out.sort(Comparator.comparingDouble(Scored::distance));
        return out;
    }
}
