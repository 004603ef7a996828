package io.facefleet.engine.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.facefleet.testing.DemoFaces;
import io.facefleet.testing.TestData;
import org.junit.jupiter.api.Test;

/**
 * The detector's input for a window is computed alone: a rectangle of the resized 512 input has
 * exactly the values the whole resize has there, for a photo padded to a square (resized) and for
 * an image already 512 (copied).
 */
class ResizeWindowTest {

    private static final int SIZE = 512;

    @Test
    void aRectangleHasTheWholeResizesValuesThere() {
        RgbImage square = ImageOps.padToSquare(TestData.decode(DemoFaces.photo(1)), false);
        assertSameAsWhole(square, 0, 0, 512, 416);
        assertSameAsWhole(square, 64, 96, 256, 192);
        assertSameAsWhole(ImageOps.crop(square, 600, 300, SIZE, SIZE), 32, 0, 416, 512);
    }

    @Test
    void aRectangleOutsideTheInputIsRefused() {
        RgbImage square = ImageOps.padToSquare(TestData.decode(DemoFaces.photo(1)), false);
        assertThrows(IllegalArgumentException.class, () -> ImageOps.resizeBilinear(square, SIZE, 0, 128, 512, 416));
        assertThrows(IllegalArgumentException.class, () -> ImageOps.resizeBilinear(square, SIZE, 0, 0, 0, 416));
    }

    private static void assertSameAsWhole(RgbImage img, int ox, int oy, int width, int height) {
        float[] whole = ImageOps.resizeBilinear(img, SIZE);
        float[] part = ImageOps.resizeBilinear(img, SIZE, ox, oy, width, height);
        assertEquals(width * height * 3, part.length);
        for (int r = 0; r < height; r++) {
            for (int c = 0; c < width * 3; c++) {
                assertEquals(whole[((oy + r) * SIZE + ox) * 3 + c], part[(r * width) * 3 + c],
                        "row " + r + " value " + c + " of " + width + "x" + height + " at " + ox + "," + oy);
            }
        }
    }
}
