package io.facefleet.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.facefleet.engine.image.RgbImage;
import io.facefleet.engine.weights.ModelFileException;
import io.facefleet.engine.weights.ModelFiles;
import io.facefleet.testing.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pipeline on inputs every machine has, and on the seed's tiny 64x64 crops. */
class FaceEngineTest {

    @Test
    void findsExactlyOneFaceInEachOfTheSeedsTiny64pxCrops() {
        Path dir = TestData.dataset("cse546/face_images_100");
        FaceEngine engine = TestData.engine();
        for (int i = 0; i < 10; i++) {
            RgbImage img = TestData.decode(dir.resolve(String.format("test_%02d.jpg", i)));
            assertEquals(64, img.width());
            List<Face> faces = engine.analyze(img);
            assertEquals(1, faces.size(), "test_0" + i + ".jpg");
            Detection d = faces.get(0).detection();
            // mapped back from the padded square: inside the 64x64 image
            assertTrue(d.x() >= 0 && d.y() >= 0 && d.x() + d.width() <= 64 && d.y() + d.height() <= 64, d.toString());
            assertTrue(d.width() > 10 && d.height() > 10, d.toString());
        }
    }

    @Test
    void aBlackImageHasNoFace() {
        RgbImage black = new RgbImage(640, 480, new byte[640 * 480 * 3]);
        assertEquals(List.of(), TestData.engine().analyze(black));
    }

    @Test
    void concurrentCallersAreBatchedAndGetTheSameAnswerAsAlone() throws Exception {
        Path demo = TestData.buildDir().resolve("face-api/demo");
        FaceEngine engine = TestData.engine();
        List<RgbImage> images = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            images.add(TestData.decode(demo.resolve("sample" + i + ".jpg")));
        }
        List<List<Face>> alone = new ArrayList<>();
        for (RgbImage img : images) {
            alone.add(engine.analyze(img));
        }
        long batchesBefore = engine.batchStats().get(1).batches();
        long itemsBefore = engine.batchStats().get(1).items();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<List<Face>>> together = new ArrayList<>();
            for (RgbImage img : images) {
                together.add(pool.submit(() -> engine.analyze(img)));
            }
            for (int i = 0; i < images.size(); i++) {
                List<Face> got = together.get(i).get();
                assertEquals(alone.get(i).size(), got.size());
                for (int f = 0; f < got.size(); f++) {
                    assertArrayEquals(alone.get(i).get(f).descriptor(), got.get(f).descriptor(), 1e-4f);
                }
            }
        } finally {
            pool.shutdown();
        }
        long batches = engine.batchStats().get(1).batches() - batchesBefore;
        long items = engine.batchStats().get(1).items() - itemsBefore;
        assertEquals(9, items, "3 + 3 + 3 faces described");
        assertTrue(batches < items, "faces of concurrent callers share forward passes: " + batches + " batches for " + items);
    }

    @Test
    void aCorruptModelFileStopsStartUpNamingTheFileAndItsChecksum(@TempDir Path dir) throws Exception {
        Path bundled = TestData.buildDir().resolve("classes/model");
        for (String f : List.of("ssd_mobilenetv1_model-weights_manifest.json", "ssd_mobilenetv1_model.bin")) {
            Files.copy(bundled.resolve(f), dir.resolve(f));
        }
        byte[] bin = Files.readAllBytes(dir.resolve("ssd_mobilenetv1_model.bin"));
        bin[1000] ^= 1;
        Files.write(dir.resolve("ssd_mobilenetv1_model.bin"), bin);
        ModelFileException corrupt = assertThrows(ModelFileException.class,
                () -> ModelFiles.from(dir.toString()).load(ModelFiles.DETECTOR));
        assertTrue(corrupt.getMessage().contains("ssd_mobilenetv1_model.bin") && corrupt.getMessage().contains("is corrupt"),
                corrupt.getMessage());
        assertTrue(corrupt.getMessage().contains("2835640602d53718aa6ae9a42896327eaa21beefed056c218d32ca7d79e1e2f8"));
        Files.copy(bundled.resolve("ssd_mobilenetv1_model.bin"), dir.resolve("ssd_mobilenetv1_model.bin"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        ModelFileException missing = assertThrows(ModelFileException.class,
                () -> FaceEngine.load(EngineConfig.defaults().withModels(ModelFiles.from(dir.toString()))));
        assertTrue(missing.getMessage().contains("face_landmark_68_model-weights_manifest.json is missing"), missing.getMessage());
        assertTrue(missing.getMessage().contains("ca4886639f86e99b39fed0c155f81b63317225773bd9616716e887b0153389c9"));
    }

    @Test
    void anUnknownDeviceIsRefusedClearly() {
        EngineConfig cfg = EngineConfig.defaults();
        EngineConfig tpu = new EngineConfig(cfg.models(), "tpu", 0.5f, 100, 256, 8, 5);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FaceEngine.load(tpu));
        assertTrue(e.getMessage().contains("cpu or gpu"));
    }
}
