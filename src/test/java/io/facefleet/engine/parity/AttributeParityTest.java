package io.facefleet.engine.parity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.facefleet.engine.Attribute;
import io.facefleet.engine.Face;
import io.facefleet.engine.FaceAttributes;
import io.facefleet.engine.FaceEngine;
import io.facefleet.engine.image.ImageOps;
import io.facefleet.engine.image.RgbImage;
import io.facefleet.engine.nets.AgeGenderNet;
import io.facefleet.testing.TestData;
import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The age/gender and expression nets against the original face-api.js, on the goldens
 * tools/parity/golden.js makes from identical pixels.
 *
 * <p>Tolerances. Each net alone on an exact-size 112x112 input (no crop, pad or resize) must agree
 * as the landmark net does (1e-4 per output; the JS backends agree among themselves to 1e-6), and
 * age to 1e-3 years: age is one unbounded regression output near 30, so that is the same relative
 * float32 noise. In the whole pipeline the nets' crop comes from our landmarks, which sit within a
 * few 1e-4 px of face-api's (ParityTest); the crop is floored to whole pixels, so a landmark that
 * crossed an integer boundary would shift it by a pixel. None of these 22 faces does (measured:
 * age within 5e-5 years, probabilities within 3e-6), so the pipeline keeps 1e-3 on probabilities
 * and 1e-2 years on age: 300x the measured gap for float noise from another PyTorch build, while a
 * crop off by a pixel or a wrong padding share shows as a larger gap. Gender and the most probable
 * expression must be the same on every face.
 */
class AttributeParityTest {

    private static final double NET_PROBABILITY_TOLERANCE = 1e-4;
    private static final double NET_AGE_TOLERANCE = 1e-3;
    private static final double PIPELINE_PROBABILITY_TOLERANCE = 1e-3;
    private static final double PIPELINE_AGE_TOLERANCE = 1e-2;
    private static JsonNode golden;
    private static Path dir;

    @BeforeAll
    static void loadGolden() throws IOException {
        dir = Goldens.DIR;
        golden = Goldens.load();
        assumeTrue(golden.get("photos").get(0).get("faces").get(0).has("age"),
                "goldens at " + dir + " predate the attribute nets: rebuild them (tools/parity/run.sh)");
    }

    @Test
    void attributesMatchOnTheDemoPhotos() {
        FaceEngine engine = TestData.engine();
        double worstAge = 0;
        double worstProbability = 0;
        List<Goldens.Pair> pairs = Goldens.pairs(engine, golden, EnumSet.allOf(Attribute.class));
        for (Goldens.Pair pair : pairs) {
            JsonNode g = pair.theirs();
            String what = pair.image() + " face at " + g.get("box");
            FaceAttributes a = pair.ours().attributes();
            assertNotNull(a, what + ": no attributes");
            worstAge = Math.max(worstAge, Math.abs(a.age() - g.get("age").asDouble()));
            assertEquals(g.get("gender").asText(), a.gender().wireName(), what + ": gender");
            worstProbability = Math.max(worstProbability,
                    Math.abs(a.genderProbability() - g.get("genderProbability").asDouble()));
            int theirBest = 0;
            for (FaceAttributes.Expression e : FaceAttributes.Expression.values()) {
                double theirs = g.get("expressions").get(e.ordinal()).asDouble();
                worstProbability = Math.max(worstProbability, Math.abs(a.expressions().get(e) - theirs));
                if (theirs > g.get("expressions").get(theirBest).asDouble()) {
                    theirBest = e.ordinal();
                }
            }
            assertEquals(FaceAttributes.Expression.values()[theirBest], a.dominantExpression(), what + ": expression");
        }
        System.out.printf("attribute parity: %d faces, worst age gap %.5f years, worst probability gap %.6f%n",
                pairs.size(), worstAge, worstProbability);
        assertTrue(worstAge <= PIPELINE_AGE_TOLERANCE, "age gap " + worstAge + " years");
        assertTrue(worstProbability <= PIPELINE_PROBABILITY_TOLERANCE, "probability gap " + worstProbability);
    }

    @Test
    void eachAttributeNetAloneMatchesOnExactSizeInputs() {
        FaceEngine engine = TestData.engine();
        int checked = 0;
        for (JsonNode n : golden.get("nets")) {
            if (!n.has("ageGender")) {
                continue;
            }
            String what = n.get("image").asText();
            float[] pixels = ImageOps.resizeBilinear(TestData.decode(dir.resolve(what)), AgeGenderNet.INPUT_SIZE);
            float[] ag = engine.ageGenderNet().forwardPixels(List.of(pixels))[0];
            assertEquals(n.get("ageGender").get(0).asDouble(), ag[AgeGenderNet.AGE], NET_AGE_TOLERANCE, what + " age");
            assertEquals(n.get("ageGender").get(1).asDouble(), ag[AgeGenderNet.MALE], NET_PROBABILITY_TOLERANCE, what + " p(male)");
            assertEquals(n.get("ageGender").get(2).asDouble(), ag[AgeGenderNet.FEMALE], NET_PROBABILITY_TOLERANCE, what + " p(female)");
            float[] ex = engine.expressionNet().forwardPixels(List.of(pixels))[0];
            assertEquals(7, n.get("expressions").size());
            for (int i = 0; i < 7; i++) {
                assertEquals(n.get("expressions").get(i).asDouble(), ex[i], NET_PROBABILITY_TOLERANCE, what + " expression " + i);
            }
            checked++;
        }
        assertEquals(2, checked, "the synthetic and the real-face 112x112 inputs");
    }
}
