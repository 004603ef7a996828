package io.facefleet.engine;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.facefleet.engine.weights.ModelFileException;
import io.facefleet.engine.weights.ModelFiles;
import io.facefleet.testing.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The attribute nets' weights are checked like the other three: a corrupt or missing file stops
 * the engine's start, naming the file and the SHA-256 it should have, before any request.
 */
class AttributeWeightsTest {

    @Test
    void aCorruptOrMissingAttributeWeightFileStopsStartUp(@TempDir Path dir) throws Exception {
        Path bundled = TestData.buildDir().resolve("model-resources/model");
        try (var files = Files.list(bundled)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.copy(f, dir.resolve(f.getFileName()));
            }
        }
        EngineConfig config = EngineConfig.defaults().withModels(ModelFiles.from(dir.toString()));

        byte[] bin = Files.readAllBytes(dir.resolve("age_gender_model.bin"));
        bin[4321] ^= 1;
        Files.write(dir.resolve("age_gender_model.bin"), bin);
        ModelFileException corrupt = assertThrows(ModelFileException.class, () -> FaceEngine.load(config));
        assertTrue(corrupt.getMessage().contains("age_gender_model.bin") && corrupt.getMessage().contains("is corrupt")
                && corrupt.getMessage().contains("49f92bbc0afef2342c4385e4a2b0acb6d7a727c6f0aa539499719a81acf9abaa"), corrupt.getMessage());

        Files.copy(bundled.resolve("age_gender_model.bin"), dir.resolve("age_gender_model.bin"), StandardCopyOption.REPLACE_EXISTING);
        Files.delete(dir.resolve("face_expression_model-weights_manifest.json"));
        ModelFileException missing = assertThrows(ModelFileException.class, () -> FaceEngine.load(config));
        assertTrue(missing.getMessage().contains("face_expression_model-weights_manifest.json is missing")
                && missing.getMessage().contains("5b349c17c7836da506e03422cd6461c74085d8bb2713ad4114647dc5d28174c8"), missing.getMessage());
    }
}
