package io.facefleet.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What face-api's age/gender and expression nets say about one face. Each part is null when it was
 * not asked for. Read by our JSON answer and by protocol adapters (Rekognition's AgeRange, Gender,
 * Emotions: see docs/decisions.md for the mapping).
 *
 * @param age estimated age in years (a regression: any real number the net gives, not clamped)
 * @param gender the more probable gender
 * @param genderProbability probability of {@code gender}, 0.5..1
 * @param expressions probability of each expression, summing to 1, in {@link Expression} order
 */
public record FaceAttributes(Float age, Gender gender, Float genderProbability, Map<Expression, Float> expressions) {

    /** The two classes of face-api's gender head. */
    public enum Gender {
        MALE, FEMALE;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** face-api's seven expressions, in the order of its net's outputs. */
    public enum Expression {
        NEUTRAL, HAPPY, SAD, ANGRY, FEARFUL, DISGUSTED, SURPRISED;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** An age interval around the estimate: {@code [max(0, floor(age - band)), ceil(age + band)]}. */
    public record AgeRange(int low, int high) {
    }

    public FaceAttributes {
        if (expressions != null) {
            expressions = Collections.unmodifiableMap(new EnumMap<>(expressions));
        }
    }

    /** None of the parts. */
    public static final FaceAttributes NONE = new FaceAttributes(null, null, null, null);

    /** From the age/gender net's {@code pMale} as face-api reads it: male when {@code pMale > 0.5}. */
    public static Gender genderOf(float probabilityMale) {
        return probabilityMale > 0.5f ? Gender.MALE : Gender.FEMALE;
    }

    /** From the expression net's 7 outputs, in its order. */
    public static Map<Expression, Float> expressionsOf(float[] probabilities) {
        if (probabilities.length != Expression.values().length) {
            throw new IllegalArgumentException("expected 7 expression probabilities, got " + probabilities.length);
        }
        Map<Expression, Float> m = new EnumMap<>(Expression.class);
        for (Expression e : Expression.values()) {
            m.put(e, probabilities[e.ordinal()]);
        }
        return m;
    }

    /** The most probable expression, or null when expressions were not asked for. */
    public Expression dominantExpression() {
        return expressions == null ? null : byProbability().get(0).getKey();
    }

    /** Every expression, most probable first (ties in face-api's order); empty when not asked for. */
    public List<Map.Entry<Expression, Float>> byProbability() {
        if (expressions == null) {
            return List.of();
        }
        List<Map.Entry<Expression, Float>> out = new ArrayList<>(expressions.entrySet());
        out.sort((a, b) -> Float.compare(b.getValue(), a.getValue()));
        return out;
    }

    /** The age estimate widened by {@code band} years each side; null when age was not asked for. */
    public AgeRange ageRange(double band) {
        if (age == null) {
            return null;
        }
        return new AgeRange((int) Math.max(0, Math.floor(age - band)), (int) Math.max(0, Math.ceil(age + band)));
    }
}
