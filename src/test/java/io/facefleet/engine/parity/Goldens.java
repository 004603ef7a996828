package io.facefleet.engine.parity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.facefleet.engine.Attribute;
import io.facefleet.engine.Face;
import io.facefleet.engine.FaceEngine;
import io.facefleet.testing.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/** The JavaScript original's outputs (tools/parity, written by the build) and how our faces are paired with theirs. */
final class Goldens {

    /** Where the build puts the goldens and the images they were made from. */
    static final Path DIR = TestData.buildDir().resolve("parity");

    private Goldens() {
    }

    /** The goldens; the test is skipped, saying why, when the build made none (no Node). */
    static JsonNode load() throws IOException {
        Path file = DIR.resolve("golden.json");
        assumeTrue(Files.exists(file), "no parity goldens at " + file + " (Node absent?): skipped");
        return new ObjectMapper().readTree(file.toFile());
    }

    /** One of their faces and ours nearest to it, on the photo named {@code image}. */
    record Pair(String image, JsonNode theirs, Face ours) {
    }

    /**
     * Every face of the goldens' demo photos paired with ours, the engine asked for
     * {@code attributes}; each photo must have as many faces here as there, and the photos 20 or more.
     */
    static List<Pair> pairs(FaceEngine engine, JsonNode golden, Set<Attribute> attributes) {
        List<Pair> out = new ArrayList<>();
        for (JsonNode photo : golden.get("photos")) {
            String image = photo.get("image").asText();
            List<Face> ours = engine.analyze(TestData.decode(DIR.resolve(image)), attributes);
            JsonNode theirs = photo.get("faces");
            assertEquals(theirs.size(), ours.size(), image + ": number of faces");
            for (JsonNode g : theirs) {
                out.add(new Pair(image, g, closest(ours, g.get("box"))));
            }
        }
        assertTrue(out.size() >= 20, "expected the demo photos' 20+ faces, got " + out.size());
        return out;
    }

    /** Our face nearest to their box's top-left corner. */
    static Face closest(List<Face> faces, JsonNode box) {
        return faces.stream().min(Comparator.comparingDouble(f -> Math.abs(f.detection().x() - box.get(0).asDouble())
                + Math.abs(f.detection().y() - box.get(1).asDouble()))).orElseThrow();
    }
}
