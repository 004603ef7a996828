package io.facefleet.engine;

import io.facefleet.engine.batch.BatchStats;
import io.facefleet.engine.batch.Batcher;
import io.facefleet.engine.image.RgbImage;
import io.facefleet.engine.nets.AgeGenderNet;
import io.facefleet.engine.nets.FaceExpressionNet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Runs the attribute nets on faces already found: one 112x112 crop per face ({@link AttributeCrop})
 * into the age/gender net when age or gender is asked, into the expression net when expression is.
 * Each net has its own batcher, so the faces of concurrent requests share forward passes. Nothing
 * runs for a request that asks for none.
 */
final class AttributeEstimator implements AutoCloseable {

    private final Batcher<float[], float[]> ageGender;
    private final Batcher<float[], float[]> expression;

    AttributeEstimator(AgeGenderNet ageGenderNet, FaceExpressionNet expressionNet, int maxBatch, long waitMillis) {
        this.ageGender = new Batcher<>("age-gender", in -> Arrays.asList(ageGenderNet.forwardPixels(in)), maxBatch, waitMillis);
        this.expression = new Batcher<>("expressions", in -> Arrays.asList(expressionNet.forwardPixels(in)), maxBatch, waitMillis);
    }

    /**
     * The asked attributes of each face of {@code img}, from its image-pixel landmarks; a face whose
     * crop is empty (landmarks wholly outside the image) gets {@link FaceAttributes#NONE}.
     */
    List<FaceAttributes> estimate(RgbImage img, List<float[][]> landmarks, Set<Attribute> asked, Function<CompletableFuture<float[]>, float[]> join) {
        boolean wantsAgeGender = asked.contains(Attribute.AGE) || asked.contains(Attribute.GENDER);
        boolean wantsExpression = asked.contains(Attribute.EXPRESSION);
        List<CompletableFuture<float[]>> ag = new ArrayList<>(landmarks.size());
        List<CompletableFuture<float[]>> ex = new ArrayList<>(landmarks.size());
        for (float[][] points : landmarks) {
            float[] input = wantsAgeGender || wantsExpression ? AttributeCrop.input(img, points) : null;
            ag.add(input != null && wantsAgeGender ? ageGender.submit(input) : null);
            ex.add(input != null && wantsExpression ? expression.submit(input) : null);
        }
        List<FaceAttributes> out = new ArrayList<>(landmarks.size());
        for (int i = 0; i < landmarks.size(); i++) {
            float[] a = ag.get(i) == null ? null : join.apply(ag.get(i));
            float[] e = ex.get(i) == null ? null : join.apply(ex.get(i));
            out.add(attributes(a, e, asked));
        }
        return out;
    }

    /** The asked parts of the nets' outputs ({@code [age, pMale, pFemale]} and 7 probabilities; null if not run). */
    static FaceAttributes attributes(float[] ageGenderOut, float[] expressionOut, Set<Attribute> asked) {
        Float age = null;
        FaceAttributes.Gender gender = null;
        Float genderProbability = null;
        if (ageGenderOut != null) {
            if (asked.contains(Attribute.AGE)) {
                age = ageGenderOut[AgeGenderNet.AGE];
            }
            if (asked.contains(Attribute.GENDER)) {
                float male = ageGenderOut[AgeGenderNet.MALE];
                gender = FaceAttributes.genderOf(male);
                // face-api: isMale ? pMale : 1 - pMale
                genderProbability = gender == FaceAttributes.Gender.MALE ? male : 1 - male;
            }
        }
        return new FaceAttributes(age, gender, genderProbability,
                expressionOut == null ? null : FaceAttributes.expressionsOf(expressionOut));
    }

    /** Batch statistics: age/gender, expressions. */
    List<BatchStats> stats() {
        return List.of(ageGender.stats(), expression.stats());
    }

    @Override
    public void close() {
        ageGender.close();
        expression.close();
    }
}
