package io.facefleet.engine.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.facefleet.engine.image.ImageRejectedException.Reason;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every file of the shared datasets (system property {@code facefleet.datasets}): each photo
 * decodes, to exactly the JDK reader's pixels; each non-image file (CSV, XML, text) is refused
 * as not an image. Skipped where the datasets are absent.
 */
class DatasetImagesTest {

    private static final String DIR = System.getProperty("facefleet.datasets");
    private static List<Path> files;

    @BeforeAll
    static void findDatasets() throws IOException {
        if (DIR != null && Files.isDirectory(Path.of(DIR))) {
            try (Stream<Path> walk = Files.walk(Path.of(DIR))) {
                files = walk.filter(Files::isRegularFile).sorted().toList();
            }
        }
    }

    @BeforeEach
    void skipWithoutDatasets() {
        // per test rather than in @BeforeAll, so that each shows as skipped, with this reason
        assumeTrue(files != null, "datasets not found (system property facefleet.datasets = " + DIR + "): skipped");
    }

    private static boolean isImageName(Path p) {
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".jpg") || name.endsWith(".jpeg") || name.endsWith(".png");
    }

    @Test
    void everyPhotoDecodesToTheJdkReadersPixels() throws IOException {
        ImageDecoder decoder = new ImageDecoder();
        Map<Integer, byte[]> checked = new HashMap<>(); // many files are byte-identical copies
        int photos = 0;
        for (Path p : files) {
            if (!isImageName(p)) {
                continue;
            }
            byte[] bytes = Files.readAllBytes(p);
            RgbImage img = decoder.decode(bytes);
            photos++;
            byte[] previous = checked.get(java.util.Arrays.hashCode(bytes));
            if (previous != null && java.util.Arrays.equals(previous, bytes)) {
                continue;
            }
            checked.put(java.util.Arrays.hashCode(bytes), bytes);
            String format = bytes[0] == (byte) 0x89 ? "png" : "jpeg";
            BufferedImage reference = TestImages.jdkRead(bytes, format);
            assertEquals(reference.getWidth(), img.width(), p.toString());
            assertEquals(reference.getHeight(), img.height(), p.toString());
            assertArrayEquals(TestImages.expectedRgb(reference), img.rgb(), p.toString());
        }
        assertTrue(photos > 1000, "found " + photos + " photos");
    }

    @Test
    void registeredReaderGivesTheSamePixelsForEveryPhoto() throws IOException {
        // With TwelveMonkeys on the class path, plain ImageIO.read goes through its JPEG reader
        // (it registers ahead of the JDK's). Code elsewhere that calls ImageIO.read must still
        // see the JDK's pixels for ordinary photos: this is the check.
        ImageDecoder decoder = new ImageDecoder();
        int compared = 0;
        for (Path p : files) {
            if (!isImageName(p) || p.toString().contains("face_images_1000")) {
                continue;
            }
            byte[] bytes = Files.readAllBytes(p);
            BufferedImage viaRegistry = ImageIO.read(new ByteArrayInputStream(bytes));
            assertArrayEquals(TestImages.expectedRgb(viaRegistry), decoder.decode(bytes).rgb(), p.toString());
            compared++;
        }
        assertTrue(compared > 100, "compared " + compared);
    }

    @Test
    void everyOtherFileIsNotAnImage() throws IOException {
        ImageDecoder decoder = new ImageDecoder();
        int others = 0;
        for (Path p : files) {
            if (isImageName(p)) {
                continue;
            }
            byte[] bytes = Files.readAllBytes(p);
            if (bytes.length == 0) {
                continue;
            }
            ImageRejectedException e = assertThrows(ImageRejectedException.class, () -> decoder.decode(bytes), p.toString());
            assertTrue(e.reason() == Reason.NOT_AN_IMAGE || e.reason() == Reason.TOO_LARGE, p + ": " + e.reason());
            others++;
        }
        assertTrue(others > 5, "found " + others + " other files");
    }
}
