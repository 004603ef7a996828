package io.facefleet.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.facefleet.engine.EngineConfig;
import io.facefleet.engine.FaceEngine;
import io.facefleet.engine.image.ImageDecoder;
import io.facefleet.engine.image.RgbImage;
import io.facefleet.engine.nets.SsdMobilenetV1;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where tests find shared material: the datasets (environment FACEFLEET_DATASETS, else the
 * system property {@code facefleet.datasets} that the pom points at ../shared/datasets) and the
 * build's own outputs. Tests that need what is absent are skipped with the reason.
 */
public final class TestData {

    private static FaceEngine engine;

    private TestData() {
    }

    /** The datasets folder; skips the calling test when it is absent. */
    public static Path datasets() {
        String env = System.getenv("FACEFLEET_DATASETS");
        String dir = env != null && !env.isBlank() ? env : System.getProperty("facefleet.datasets", "../shared/datasets");
        Path p = Path.of(dir);
        assumeTrue(Files.isDirectory(p), "face datasets not found at " + p.toAbsolutePath()
                + " (set FACEFLEET_DATASETS): skipped");
        return p;
    }

    /** A file under the datasets folder; skips when absent. */
    public static Path dataset(String relative) {
        Path p = datasets().resolve(relative);
        assumeTrue(Files.exists(p), p + " not found: skipped");
        return p;
    }

    /** The Maven build directory (target/). */
    public static Path buildDir() {
        return Path.of(System.getProperty("facefleet.build.dir", "target"));
    }

    /**
     * One face engine for the whole test JVM: loading the nets takes about a second. The system
     * property {@code facefleet.engine.tiny-face-height} overrides that default (0 gives face-api's
     * landmark crop for every face, as before the tiny-face crop: the accuracy figures' "before"),
     * and {@link #detectorWindowMargin()} that of the detector's window;
     * {@code facefleet.engine.tiny-face-enrolment-mean=false} enrols tiny faces with their one crop,
     * as before the enrolment mean.
     */
    public static synchronized FaceEngine engine() {
        if (engine == null) {
            engine = FaceEngine.load(EngineConfig.defaults().withTinyFaceHeight(
                    Integer.getInteger("facefleet.engine.tiny-face-height", EngineConfig.TINY_FACE_HEIGHT))
                    .withDetectorWindowMargin(detectorWindowMargin())
                    .withDetectorWindowPadding(detectorWindowPadding())
                    .withTinyFaceEnrolmentMean(Boolean.parseBoolean(System.getProperty(
                            "facefleet.engine.tiny-face-enrolment-mean", String.valueOf(EngineConfig.TINY_FACE_ENROLMENT_MEAN)))));
        }
        return engine;
    }

    /**
     * The detector window margin of the test engines: the system property
     * {@code facefleet.engine.detector-window-margin}, else the default; -1 runs every image on the
     * whole 512 input, as before the windows (the accuracy figures' "before").
     */
    public static int detectorWindowMargin() {
        return Integer.getInteger("facefleet.engine.detector-window-margin", EngineConfig.DETECTOR_WINDOW_MARGIN);
    }

    /**
     * The detector window padding of the test engines: the system property
     * {@code facefleet.engine.detector-window-padding} (black or zero), else the default.
     */
    public static SsdMobilenetV1.WindowPadding detectorWindowPadding() {
        String p = System.getProperty("facefleet.engine.detector-window-padding");
        return p == null ? EngineConfig.DETECTOR_WINDOW_PADDING : SsdMobilenetV1.WindowPadding.parse(p);
    }

    /** Enrols Azure's labelled portraits (labels_identities.csv: identity, path) with {@code service}. */
    public static void enrolAzurePortraits(io.facefleet.recognition.FaceService service) throws IOException {
        Path azure = dataset("azure_face_samples");
        java.util.List<String> rows = Files.readAllLines(azure.resolve("labels_identities.csv"));
        for (String row : rows.subList(1, rows.size())) {
            String[] cols = row.split(",");
            service.enroll(cols[0], Files.readAllBytes(azure.resolve(cols[1])), cols[1]);
        }
    }

    public static RgbImage decode(Path file) {
        try {
            return new ImageDecoder().decode(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
