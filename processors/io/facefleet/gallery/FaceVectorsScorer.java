package io.facefleet.gallery;

import java.io.IOException;
import org.apache.lucene.codecs.hnsw.FlatVectorsScorer;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.util.hnsw.RandomAccessVectorValues;
import org.apache.lucene.util.hnsw.RandomVectorScorer;
import org.apache.lucene.util.hnsw.RandomVectorScorerSupplier;

/**
 * Scores the graph's float vectors for EUCLIDEAN with the JVM's SIMD distance (VectorDistances),
 * exactly as Lucene defines the score, 1 / (1 + squared distance); anything else, and every
 * vector when the JVM has no SIMD distance, goes to Lucene's own scorer. Used by the graph build
 * (flush and merge) and by the search.
 */
final class FaceVectorsScorer implements FlatVectorsScorer {

    static final FaceVectorsScorer INSTANCE = new FaceVectorsScorer();

    private final FlatVectorsScorer lucene = HnswCodec.luceneScorer();

    private FaceVectorsScorer() {
    }

    /** Lucene's EUCLIDEAN score of a squared distance. */
    static float score(float squareDistance) {
        return 1 / (1 + squareDistance);
    }

    @Override
    public RandomVectorScorerSupplier getRandomVectorScorerSupplier(VectorSimilarityFunction similarity, RandomAccessVectorValues values)
            throws IOException {
        SquareDistance d = VectorDistances.simd();
        if (d != null && similarity == VectorSimilarityFunction.EUCLIDEAN && values instanceof RandomAccessVectorValues.Floats floats) {
            return new Supplier(floats, d);
        }
        return lucene.getRandomVectorScorerSupplier(similarity, values);
    }

    @Override
    public RandomVectorScorer getRandomVectorScorer(VectorSimilarityFunction similarity, RandomAccessVectorValues values, float[] target)
            throws IOException {
        SquareDistance d = VectorDistances.simd();
        if (d != null && similarity == VectorSimilarityFunction.EUCLIDEAN && values instanceof RandomAccessVectorValues.Floats floats) {
            if (target.length != values.dimension()) {
                throw new IllegalArgumentException("vector query dimension: " + target.length + " differs from field dimension: "
                        + values.dimension());
            }
            return new RandomVectorScorer.AbstractRandomVectorScorer(values) {
                @Override
                public float score(int node) throws IOException {
                    return FaceVectorsScorer.score(d.between(target, floats.vectorValue(node)));
                }
            };
        }
        return lucene.getRandomVectorScorer(similarity, values, target);
    }

    @Override
    public RandomVectorScorer getRandomVectorScorer(VectorSimilarityFunction similarity, RandomAccessVectorValues values, byte[] target)
            throws IOException {
        return lucene.getRandomVectorScorer(similarity, values, target);
    }

    @Override
    public String toString() {
        return "FaceVectorsScorer(" + VectorDistances.describe() + ")";
    }

    /**
     * Scores graph nodes against one node while the graph is built. Two copies of the values, as
     * Lucene's own supplier keeps: values hand out one reused array, so the node scored against
     * and the node scored each need their own.
     */
    private static final class Supplier implements RandomVectorScorerSupplier {
        private final RandomAccessVectorValues.Floats values;
        private final RandomAccessVectorValues.Floats from;
        private final RandomAccessVectorValues.Floats to;
        private final SquareDistance distance;

        Supplier(RandomAccessVectorValues.Floats values, SquareDistance distance) throws IOException {
            this.values = values;
            this.from = values.copy();
            this.to = values.copy();
            this.distance = distance;
        }

        @Override
        public RandomVectorScorer scorer(int ord) {
            return new RandomVectorScorer.AbstractRandomVectorScorer(values) {
                @Override
                public float score(int node) throws IOException {
                    return FaceVectorsScorer.score(distance.between(from.vectorValue(ord), to.vectorValue(node)));
                }
            };
        }

        @Override
        public RandomVectorScorerSupplier copy() throws IOException {
            return new Supplier(values, distance);
        }
    }
}
