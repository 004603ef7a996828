package io.facefleet.gallery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;

/**
 * A point-in-time view of a collection: everything read from it reflects the same whole log
 * entries, however many are applied meanwhile. Close it when done (it pins its segments).
 */
final class FaceView implements AutoCloseable {

    private static final Sort BY_ORD = new Sort(new SortField(FaceDocs.ORD, SortField.Type.LONG));

    private final SearcherManager manager;
    private final IndexSearcher searcher;

    FaceView(SearcherManager manager, IndexSearcher searcher) {
        this.manager = manager;
        this.searcher = searcher;
    }

    IndexReader reader() {
        return searcher.getIndexReader();
    }

    int count() {
        return reader().numDocs();
    }

    Optional<StoredFace> face(String id) {
        int doc = docOf(FaceDocs.id(id));
        return doc < 0 ? Optional.empty() : Optional.of(stored(doc));
    }

    Optional<float[]> vector(String id) {
        int doc = docOf(FaceDocs.id(id));
        return doc < 0 ? Optional.empty() : Optional.of(vectorOf(doc));
    }

    Optional<Example> example(String id) {
        int doc = docOf(FaceDocs.id(id));
        return doc < 0 ? Optional.empty() : Optional.of(example(stored(doc), vectorOf(doc)));
    }

    /** The face of a subject enrolled from an image with this sha256, if any. */
    Optional<String> faceBySha(String subject, String sha) {
        int doc = docOf(FaceDocs.subjectShaTerm(subject, sha));
        return doc < 0 ? Optional.empty() : Optional.of(stored(doc).id());
    }

    long facesOf(String subject) {
        try {
            return searcher.count(new TermQuery(FaceDocs.subject(subject)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The k nearest faces, nearest first: an exact scan, or the HNSW graph searched with a beam of
     * {@code max(k, efSearch)}. {@code excludeId} (may be null) is left out of the answer.
     */
    List<Hit> search(float[] query, int k, boolean exact, int efSearch, String excludeId) {
        int want = excludeId == null ? k : k + 1;
        List<Hit> out = new ArrayList<>(want);
        try {
            if (exact) {
                for (ExactSearch.Scored s : ExactSearch.top(reader(), query, want)) {
                    StoredFace f = stored(s.doc());
                    out.add(new Hit(f.id(), f.subject(), (float) s.distance()));
                }
            } else {
                int beam = Math.max(want, efSearch);
                TopDocs top = searcher.search(new KnnFloatVectorQuery(FaceDocs.VECTOR, query, beam), beam);
                // the graph's order may come from quantized vectors: rank the candidates by their exact distance
                for (ExactSearch.Scored s : ExactSearch.rescore(reader(), query, top.scoreDocs, want)) {
                    StoredFace f = stored(s.doc());
                    out.add(new Hit(f.id(), f.subject(), (float) s.distance()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (excludeId != null) {
            out.removeIf(h -> h.faceId().equals(excludeId));
        }
        return out.size() > k ? out.subList(0, k) : out;
    }

    /** Up to {@code limit + 1} faces after {@code afterOrd}, in enrolment order (the extra one says there is more). */
    List<StoredFace> facesAfter(long afterOrd, int limit, String subject) {
        Query q = LongPoint.newRangeQuery(FaceDocs.ORD, afterOrd == Long.MAX_VALUE ? afterOrd : afterOrd + 1, Long.MAX_VALUE);
        if (subject != null) {
            q = new BooleanQuery.Builder().add(q, BooleanClause.Occur.FILTER)
                    .add(new TermQuery(FaceDocs.subject(subject)), BooleanClause.Occur.FILTER).build();
        }
        try {
            List<StoredFace> out = new ArrayList<>();
            for (ScoreDoc sd : searcher.search(q, limit + 1, BY_ORD).scoreDocs) {
                out.add(stored(sd.doc));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Up to {@code limit + 1} subjects after {@code after} (null: from the first), by name, with their face counts. */
    List<SubjectCount> subjectsAfter(String after, int limit) {
        List<SubjectCount> out = new ArrayList<>();
        try {
            Terms terms = MultiTerms.getTerms(reader(), FaceDocs.SUBJECT);
            if (terms == null) {
                return out;
            }
            TermsEnum te = terms.iterator();
            BytesRef t;
            if (after == null) {
                t = te.next();
            } else {
                TermsEnum.SeekStatus st = te.seekCeil(new BytesRef(after));
                t = st == TermsEnum.SeekStatus.END ? null : st == TermsEnum.SeekStatus.FOUND ? te.next() : te.term();
            }
            for (; t != null && out.size() <= limit; t = te.next()) {
                String name = t.utf8ToString();
                long n = facesOf(name);
                if (n > 0) {
                    out.add(new SubjectCount(name, n));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How many subjects have faces. */
    long subjectCount() {
        try {
            Terms terms = MultiTerms.getTerms(reader(), FaceDocs.SUBJECT);
            long n = 0;
            if (terms != null) {
                TermsEnum te = terms.iterator();
                for (BytesRef t = te.next(); t != null; t = te.next()) {
                    if (reader().numDeletedDocs() == 0 || facesOf(t.utf8ToString()) > 0) {
                        n++;
                    }
                }
            }
            return n;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every subject with its examples (descriptors included), in order of first enrolment. */
    List<Subject> all() {
        record Entry(StoredFace face, float[] vector) {
        }
        List<Entry> entries = new ArrayList<>(count());
        try {
            for (LeafReaderContext leaf : reader().leaves()) {
                FloatVectorValues vectors = leaf.reader().getFloatVectorValues(FaceDocs.VECTOR);
                if (vectors == null) {
                    continue;
                }
                StoredFields fields = leaf.reader().storedFields();
                Bits live = leaf.reader().getLiveDocs();
                for (int doc = vectors.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = vectors.nextDoc()) {
                    if (live == null || live.get(doc)) {
                        entries.add(new Entry(FaceDocs.face(fields.document(doc)), vectors.vectorValue().clone()));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        entries.sort(Comparator.comparingLong(e -> e.face().ord()));
        Map<String, List<Example>> bySubject = new LinkedHashMap<>();
        for (Entry e : entries) {
            bySubject.computeIfAbsent(e.face().subject(), s -> new ArrayList<>()).add(example(e.face(), e.vector()));
        }
        List<Subject> out = new ArrayList<>();
        bySubject.forEach((name, ex) -> out.add(new Subject(name, List.copyOf(ex))));
        return out;
    }

    private static Example example(StoredFace f, float[] v) {
        return new Example(f.id(), f.source(), f.sha256(), f.enrolledAtMillis(), v);
    }

    /** The live document holding a term (ids and subject+sha are unique among live faces), or -1. */
    private int docOf(Term term) {
        try {
            TopDocs top = searcher.search(new TermQuery(term), 1);
            return top.scoreDocs.length == 0 ? -1 : top.scoreDocs[0].doc;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private StoredFace stored(int doc) {
        try {
            return FaceDocs.face(searcher.storedFields().document(doc));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private float[] vectorOf(int doc) {
        try {
            List<LeafReaderContext> leaves = reader().leaves();
            LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
            FloatVectorValues vectors = leaf.reader().getFloatVectorValues(FaceDocs.VECTOR);
            int local = doc - leaf.docBase;
            if (vectors == null || vectors.advance(local) != local) {
                throw new IllegalStateException("face document " + doc + " has no vector");
            }
            return vectors.vectorValue().clone();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            manager.release(searcher);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
