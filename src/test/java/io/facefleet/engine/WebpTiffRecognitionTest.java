package io.facefleet.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.facefleet.engine.image.ImageDecoder;
import io.facefleet.engine.image.RgbImage;
import io.facefleet.gallery.Gallery;
import io.facefleet.recognition.FaceService;
import io.facefleet.testing.DemoFaces;
import io.facefleet.testing.ImageEncoders;
import io.facefleet.testing.TestData;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A demo photo as WebP (lossless and lossy) and TIFF is recognised as its JPEG is: the same faces,
 * each named as the same subject. Lossless copies hold the JPEG's decoded pixels exactly, so
 * their faces are identical (descriptors to the float rounding of batching); a lossy copy's faces stay within the threshold of their JPEG selves.
 */
class WebpTiffRecognitionTest {

    private static BufferedImage image(RgbImage rgb) {
        BufferedImage img = new BufferedImage(rgb.width(), rgb.height(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < rgb.height(); y++) {
            for (int x = 0; x < rgb.width(); x++) {
                img.setRGB(x, y, rgb.get(y, x, 0) << 16 | rgb.get(y, x, 1) << 8 | rgb.get(y, x, 2));
            }
        }
        return img;
    }

    @Test
    void aDemoPhotoAsWebpAndTiffIsRecognisedAsItsJpeg(@TempDir Path data) throws Exception {
        ImageEncoders.assumeCwebp();
        FaceService service = new FaceService(new ImageDecoder(), TestData.engine(), Gallery.open(data, 0.6f));
        for (int n : new int[] {2, 6}) {
            byte[] jpeg = Files.readAllBytes(DemoFaces.photo(n));
            List<Face> reference = service.analyze(jpeg);
            assertTrue(reference.size() >= 3, "sample" + n + " faces " + reference.size());
            // every face of the JPEG enrolled as its own subject, from the JPEG
            for (int i = 0; i < reference.size(); i++) {
                service.gallery().enroll("s" + n + "-" + i, reference.get(i).descriptor(), "sample" + n);
            }
            BufferedImage pixels = image(new ImageDecoder().decode(jpeg));
            byte[] tiff = ImageEncoders.tiff(pixels, "LZW");
            byte[] lossless = ImageEncoders.webpLossless(pixels);
            byte[] lossy = ImageEncoders.webpLossy(pixels, 90);
            for (byte[] exact : List.of(tiff, lossless)) {
                List<Face> faces = service.analyze(exact);
                assertEquals(reference.size(), faces.size());
                for (int i = 0; i < faces.size(); i++) {
                    // same pixels, same faces; the batch a face shares changes the float sums in the last digits only
                    assertArrayEquals(reference.get(i).detection().toString().toCharArray(), faces.get(i).detection().toString().toCharArray());
                    double d = Gallery.distance(reference.get(i).descriptor(), faces.get(i).descriptor());
                    assertTrue(d < 1e-4, "sample" + n + " face " + i + " descriptor distance " + d);
                }
            }
            for (byte[] copy : List.of(tiff, lossless, lossy)) {
                List<FaceService.IdentifiedFace> named = service.identify(copy);
                List<FaceService.IdentifiedFace> expected = service.identify(jpeg);
                assertEquals(expected.size(), named.size(), "sample" + n);
                for (int i = 0; i < named.size(); i++) {
                    assertEquals(expected.get(i).match().subject(), named.get(i).match().subject(), "sample" + n + " face " + i);
                    // within the threshold of its own JPEG face (0.23 at most for lossy WebP at quality 90 here)
                    assertTrue(named.get(i).match().distance() < 0.4, "sample" + n + " face " + i + " distance " + named.get(i).match().distance());
                }
            }
        }
    }
}
