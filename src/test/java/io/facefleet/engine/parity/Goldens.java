package io.facefleet.engine.parity;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.facefleet.engine.Face;
import io.facefleet.testing.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;

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

    /** Our face nearest to their box's top-left corner. */
    static Face closest(List<Face> faces, JsonNode box) {
        return faces.stream().min(Comparator.comparingDouble(f -> Math.abs(f.detection().x() - box.get(0).asDouble())
                + Math.abs(f.detection().y() - box.get(1).asDouble()))).orElseThrow();
    }
}
