package io.facefleet.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.facefleet.engine.FaceAttributes.Expression;
import io.facefleet.engine.FaceAttributes.Gender;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What a protocol adapter reads from FaceAttributes: the age range, the gender, the expressions in order. */
class FaceAttributesTest {

    @Test
    void theAgeRangeWidensTheEstimateByTheBandAndNeverGoesBelowZero() {
        FaceAttributes a = new FaceAttributes(26.2f, null, null, null);
        assertEquals(new FaceAttributes.AgeRange(21, 32), a.ageRange(5));
        assertEquals(new FaceAttributes.AgeRange(0, 8), new FaceAttributes(2.5f, null, null, null).ageRange(5));
        assertNull(FaceAttributes.NONE.ageRange(5), "no age asked, no range");
    }

    @Test
    void genderAndExpressionsReadAsFaceApiDoes() {
        assertEquals(Gender.MALE, FaceAttributes.genderOf(0.51f));
        assertEquals(Gender.FEMALE, FaceAttributes.genderOf(0.5f), "face-api: male only when p(male) > 0.5");
        float[] p = {0.30f, 0.65f, 0.0f, 0.0f, 0.0f, 0.05f, 0.0f};
        FaceAttributes a = AttributeEstimator.attributes(new float[] {30f, 0.2f, 0.8f}, p, Set.of(Attribute.GENDER, Attribute.EXPRESSION));
        assertEquals(Gender.FEMALE, a.gender());
        assertEquals(0.8f, a.genderProbability(), 1e-6);
        assertNull(a.age(), "age was not asked for, though the net gave it");
        assertEquals(Expression.HAPPY, a.dominantExpression());
        assertEquals(List.of(Expression.HAPPY, Expression.NEUTRAL, Expression.DISGUSTED),
                a.byProbability().stream().limit(3).map(e -> e.getKey()).toList(), "most probable first");
        assertThrows(IllegalArgumentException.class, () -> FaceAttributes.expressionsOf(new float[6]));
    }
}
