package io.facefleet.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.facefleet.engine.batch.BatchStats;
import io.facefleet.engine.image.RgbImage;
import io.facefleet.testing.DemoFaces;
import io.facefleet.testing.TestData;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The attribute nets run only when asked, each only for what is asked: counted by their batchers
 * (the faces that went through each net's forward passes), not by timing.
 */
class AttributeNetsOnRequestTest {

    private static final int AGE_GENDER = 2;
    private static final int EXPRESSIONS = 3;

    private static long faces(FaceEngine engine, int stage) {
        List<BatchStats> stats = engine.batchStats();
        return stats.get(stage).items();
    }

    @Test
    void noAttributesRunNoAttributeNet() {
        FaceEngine engine = TestData.engine();
        RgbImage photo = TestData.decode(DemoFaces.photo(1));
        long ag = faces(engine, AGE_GENDER);
        long ex = faces(engine, EXPRESSIONS);
        List<Face> plain = engine.analyze(photo);
        List<Face> none = engine.analyze(photo, Set.of());
        assertTrue(plain.size() >= 1 && none.size() == plain.size());
        none.forEach(f -> assertNull(f.attributes(), "no attributes asked, none given"));
        assertEquals(ag, faces(engine, AGE_GENDER), "the age/gender net ran for a request that asked for no attributes");
        assertEquals(ex, faces(engine, EXPRESSIONS), "the expression net ran for a request that asked for no attributes");
    }

    @Test
    void eachNetRunsOncePerFaceForWhatIsAsked() {
        FaceEngine engine = TestData.engine();
        RgbImage photo = TestData.decode(DemoFaces.photo(1));
        long ag = faces(engine, AGE_GENDER);
        long ex = faces(engine, EXPRESSIONS);

        List<Face> age = engine.analyze(photo, EnumSet.of(Attribute.AGE));
        int n = age.size();
        assertEquals(ag + n, faces(engine, AGE_GENDER), "age: one age/gender pass per face");
        assertEquals(ex, faces(engine, EXPRESSIONS), "age alone does not run the expression net");
        for (Face f : age) {
            FaceAttributes a = f.attributes();
            assertNotNull(a.age());
            assertTrue(a.age() > 5 && a.age() < 80, "an adult's age from the demo photos: " + a.age());
            assertNull(a.gender(), "gender was not asked for");
            assertNull(a.expressions(), "expression was not asked for");
        }

        List<Face> expression = engine.analyze(photo, EnumSet.of(Attribute.EXPRESSION));
        assertEquals(ag + n, faces(engine, AGE_GENDER), "expression alone does not run the age/gender net");
        assertEquals(ex + n, faces(engine, EXPRESSIONS), "expression: one pass per face");
        for (Face f : expression) {
            FaceAttributes a = f.attributes();
            assertNull(a.age());
            double sum = a.expressions().values().stream().mapToDouble(Float::doubleValue).sum();
            assertEquals(1.0, sum, 1e-4, "seven probabilities summing to 1: " + a.expressions());
            assertEquals(a.byProbability().get(0).getKey(), a.dominantExpression());
        }

        List<Face> all = engine.analyze(photo, Attribute.parse("all"));
        assertEquals(ag + 2L * n, faces(engine, AGE_GENDER));
        assertEquals(ex + 2L * n, faces(engine, EXPRESSIONS));
        for (Face f : all) {
            FaceAttributes a = f.attributes();
            assertNotNull(a.gender());
            assertTrue(a.genderProbability() >= 0.5f && a.genderProbability() <= 1f, a.toString());
            assertNotNull(a.age());
            assertNotNull(a.expressions());
        }
    }
}
