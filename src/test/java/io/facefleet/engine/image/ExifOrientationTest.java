package io.facefleet.engine.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Every EXIF orientation: a 64 x 32 JPEG with four flat quadrants (red, green / blue, white),
 * tagged 1..8, must come out in the geometry and with the corners the EXIF specification
 * describes for that tag.
 */
class ExifOrientationTest {

    private static final int RED = 0xFF0000;
    private static final int GREEN = 0x00FF00;
    private static final int BLUE = 0x0000FF;
    private static final int WHITE = 0xFFFFFF;

    /** Corners as displayed (top-left, top-right, bottom-left, bottom-right) for tags 1..8. */
    private static final int[][] CORNERS = {
        null,
        {RED, GREEN, BLUE, WHITE},   // 1 as stored
        {GREEN, RED, WHITE, BLUE},   // 2 mirrored left-right
        {WHITE, BLUE, GREEN, RED},   // 3 rotated 180
        {BLUE, WHITE, RED, GREEN},   // 4 mirrored top-bottom
        {RED, BLUE, GREEN, WHITE},   // 5 transposed
        {BLUE, RED, WHITE, GREEN},   // 6 rotated 90 clockwise
        {WHITE, GREEN, BLUE, RED},   // 7 transversed
        {GREEN, WHITE, RED, BLUE},   // 8 rotated 90 counter-clockwise
    };

    private final ImageDecoder decoder = new ImageDecoder();

    private static byte[] quadrantJpeg() {
        BufferedImage img = new BufferedImage(64, 32, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(RED));
        g.fillRect(0, 0, 32, 16);
        g.setColor(new Color(GREEN));
        g.fillRect(32, 0, 32, 16);
        g.setColor(new Color(BLUE));
        g.fillRect(0, 16, 32, 16);
        g.setColor(new Color(WHITE));
        g.fillRect(32, 16, 32, 16);
        g.dispose();
        return TestImages.write(img, "jpeg");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void orientationIsApplied(int orientation) {
        for (boolean littleEndian : new boolean[] {true, false}) {
            RgbImage img = decoder.decode(TestImages.withExifOrientation(quadrantJpeg(), orientation, littleEndian));
            boolean swapped = orientation >= 5;
            assertEquals(swapped ? 32 : 64, img.width(), "width for " + orientation);
            assertEquals(swapped ? 64 : 32, img.height(), "height for " + orientation);
            int w = img.width();
            int h = img.height();
            int[] expected = CORNERS[orientation];
            assertColour(expected[0], img, 1, 1, orientation);
            assertColour(expected[1], img, w - 2, 1, orientation);
            assertColour(expected[2], img, 1, h - 2, orientation);
            assertColour(expected[3], img, w - 2, h - 2, orientation);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 4, 5, 6, 7, 8})
    void orientationOnlyMovesPixels(int orientation) {
        byte[] plain = TestImages.write(TestImages.pattern(40, 24, BufferedImage.TYPE_3BYTE_BGR), "jpeg");
        RgbImage stored = decoder.decode(plain);
        RgbImage turned = decoder.decode(TestImages.withExifOrientation(plain, orientation, false));
        int[] a = histogram(stored);
        int[] b = histogram(turned);
        assertArrayEquals(a, b, "same pixels, moved");
        // orientation 1 is a no-op, byte for byte
        assertArrayEquals(stored.rgb(), decoder.decode(TestImages.withExifOrientation(plain, 1, true)).rgb());
    }

    @Test
    void invalidOrDamagedExifIsIgnored() {
        byte[] plain = quadrantJpeg();
        RgbImage stored = decoder.decode(plain);
        for (int bad : new int[] {0, 9, 255}) {
            assertArrayEquals(stored.rgb(), decoder.decode(TestImages.withExifOrientation(plain, bad, true)).rgb());
        }
        // an Exif segment whose IFD offset points far outside it
        byte[] tagged = TestImages.withExifOrientation(plain, 6, false);
        int tiff = TestImages.indexOf(tagged, new byte[] {'M', 'M', 0, 42}, 2);
        tagged[tiff + 4] = 0x7F;
        RgbImage img = decoder.decode(tagged);
        assertEquals(64, img.width());
        assertArrayEquals(stored.rgb(), img.rgb());
    }

    @Test
    void onlyOneShortOrLongValueIsAnOrientation() {
        // type 3 SHORT and 4 LONG, one value: honoured; 1 BYTE, 8 SSHORT, 2 ASCII "6", 3 SHORT x2: ignored
        assertEquals(6, ExifOrientation.read(exifBody(3, 1, new byte[] {0, 6, 0, 0})));
        assertEquals(8, ExifOrientation.read(exifBody(4, 1, new byte[] {0, 0, 0, 8})));
        assertEquals(1, ExifOrientation.read(exifBody(1, 1, new byte[] {6, 0, 0, 0})));
        assertEquals(1, ExifOrientation.read(exifBody(8, 1, new byte[] {0, 6, 0, 0})));
        assertEquals(1, ExifOrientation.read(exifBody(2, 2, new byte[] {'6', 0, 0, 0})));
        assertEquals(1, ExifOrientation.read(exifBody(3, 2, new byte[] {0, 6, 0, 6})));
        assertEquals(1, ExifOrientation.read(exifBody(4, 1, new byte[] {0, 1, 0, 6})));
        // cut inside IFD0's entry
        byte[] whole = exifBody(3, 1, new byte[] {0, 6, 0, 0});
        assertEquals(1, ExifOrientation.read(Arrays.copyOf(whole, whole.length - 10)));
        // an IFD0 declaring more entries than the segment holds is damaged as a whole
        byte[] overcounted = whole.clone();
        overcounted[6 + 8 + 1] = 2;
        assertEquals(1, ExifOrientation.read(overcounted));
    }

    /** "Exif\0\0", a big-endian TIFF header and an IFD0 of one Orientation entry of the given type. */
    private static byte[] exifBody(int type, int count, byte[] value) {
        return TestImages.concat("Exif\0\0".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1),
                new byte[] {'M', 'M', 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, (byte) type, 0, 0, 0, (byte) count},
                value, new byte[4]);
    }

    private static int[] histogram(RgbImage img) {
        int[] counts = new int[3 * 256];
        byte[] rgb = img.rgb();
        for (int i = 0; i < rgb.length; i++) {
            counts[(i % 3) * 256 + (rgb[i] & 0xFF)]++;
        }
        return counts;
    }

    private static void assertColour(int expected, RgbImage img, int x, int y, int orientation) {
        int[] want = {(expected >> 16) & 0xFF, (expected >> 8) & 0xFF, expected & 0xFF};
        int[] got = {img.get(y, x, 0), img.get(y, x, 1), img.get(y, x, 2)};
        for (int c = 0; c < 3; c++) {
            assertTrue(Math.abs(want[c] - got[c]) < 40, "orientation " + orientation + " at (" + x + "," + y
                    + "): expected " + Arrays.toString(want) + " got " + Arrays.toString(got));
        }
    }
}
