package io.facefleet.gallery;

import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;

/** A face as a Lucene document, and back. */
final class FaceDocs {

    static final int DIMENSION = 128;
    static final String ID = "id";
    static final String SUBJECT = "subject";
    /** subject and image sha256, for the one-enrolment-per-image rule */
    static final String SUBJECT_SHA = "subjectSha";
    static final String SHA = "sha";
    static final String SOURCE = "source";
    static final String ENROLLED_AT = "enrolledAt";
    /** the paging order: increasing in enrolment order */
    static final String ORD = "ord";
    static final String VECTOR = "vec";

    private FaceDocs() {
    }

    static Document of(Change.AddFace a) {
        Document d = new Document();
        d.add(new StringField(ID, a.id(), Field.Store.YES));
        d.add(new StringField(SUBJECT, a.subject(), Field.Store.YES));
        if (a.sha256() != null) {
            d.add(new StringField(SUBJECT_SHA, subjectSha(a.subject(), a.sha256()), Field.Store.NO));
            d.add(new StoredField(SHA, a.sha256()));
        }
        if (a.source() != null) {
            d.add(new StoredField(SOURCE, a.source()));
        }
        d.add(new StoredField(ENROLLED_AT, a.enrolledAtMillis()));
        d.add(new LongPoint(ORD, a.ord()));
        d.add(new NumericDocValuesField(ORD, a.ord()));
        d.add(new StoredField(ORD, a.ord()));
        // the graph ranks by EUCLIDEAN; answers carry the exact distance (ExactSearch.rescore)
        d.add(new KnnFloatVectorField(VECTOR, a.descriptor(), VectorSimilarityFunction.EUCLIDEAN));
        return d;
    }

    static StoredFace face(Document d) {
        return new StoredFace(d.get(ID), d.get(SUBJECT), d.get(SOURCE), d.get(SHA),
                d.getField(ENROLLED_AT).numericValue().longValue(), d.getField(ORD).numericValue().longValue());
    }

    static Term id(String id) {
        return new Term(ID, id);
    }

    static Term subject(String subject) {
        return new Term(SUBJECT, subject);
    }

    static Term subjectShaTerm(String subject, String sha) {
        return new Term(SUBJECT_SHA, subjectSha(subject, sha));
    }

    /** Subject names hold no control characters, so NUL separates the two unambiguously. */
    private static String subjectSha(String subject, String sha) {
        return subject + '\u0000' + sha;
    }
}
