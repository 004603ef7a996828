package io.facefleet.gallery;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.DocIdSetIterator;
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
