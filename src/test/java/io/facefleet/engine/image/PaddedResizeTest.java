package io.facefleet.engine.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.facefleet.testing.DemoFaces;
import io.facefleet.testing.TestData;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The detector's input computed without the padded square has, bit for bit, the values of the
 * resize of the square: for a demo photo, for landscape and portrait images of other sizes
 * (down-scaled, side exactly 512, up-scaled) and for windows in the middle, at the image's edge
 * and in the black padding.
 */
class PaddedResizeTest {

    private static final int SIZE = 512;

    @Test
    void aDemoPhotoGivesTheSquaresValues() {
        RgbImage photo = TestData.decode(DemoFaces.photo(1));
        assertSameAsSquare(photo, 0, 0, SIZE, SIZE);
        assertSameAsSquare(photo, 0, 0, 512, 416);
        assertSameAsSquare(photo, 64, 96, 256, 192);
    }

    @Test
    void landscapeAndPortraitImagesOfOtherSizesGiveTheSquaresValues() {
        Random random = new Random(14);
        int[][] sizes = {{1920, 1280}, {1280, 1920}, {701, 299}, {300, 512}, {512, 200}, {97, 143}, {512, 512}};
        for (int[] size : sizes) {
            RgbImage img = noise(size[0], size[1], random);
            assertSameAsSquare(img, 0, 0, SIZE, SIZE);
            assertSameAsSquare(img, 100, 37, 333, 411); // across the image's right or bottom edge
            assertSameAsSquare(img, 480, 470, 32, 42); // the corner: padding only, for non-square images
        }
    }

    @Test
    void aWindowOutsideTheInputIsRefused() {
        RgbImage img = noise(64, 32, new Random(1));
        assertThrows(IllegalArgumentException.class, () -> ImageOps.resizeBilinearPadded(img, SIZE, 0, 128, 512, 416));
        assertThrows(IllegalArgumentException.class, () -> ImageOps.resizeBilinearPadded(img, SIZE, 0, 0, 0, 416));
    }

    private static void assertSameAsSquare(RgbImage img, int ox, int oy, int width, int height) {
        float[] viaSquare = ImageOps.resizeBilinear(ImageOps.padToSquare(img, false), SIZE, ox, oy, width, height);
        float[] direct = ImageOps.resizeBilinearPadded(img, SIZE, ox, oy, width, height);
        assertArrayEquals(viaSquare, direct, img.width() + "x" + img.height() + ", window " + width + "x" + height
                + " at " + ox + "," + oy);
    }

    private static RgbImage noise(int w, int h, Random random) {
        byte[] rgb = new byte[w * h * 3];
        random.nextBytes(rgb);
        return new RgbImage(w, h, rgb);
    }
}
