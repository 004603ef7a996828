package io.facefleet.engine.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.facefleet.engine.image.ImageRejectedException.Reason;
import io.facefleet.testing.ImageEncoders;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * WebP (lossy, lossless, extended with alpha) and TIFF (each compression the writer has, grey,
 * orientation) decode to the pixels they were made from; their headers are checked against the
 * same limits as JPEG's before any pixel is decoded; cut-short files and the variants we do not
 * decode are refused with their reason. WebP fixtures are made by cwebp at test time (skipped,
 * saying so, without it); TIFF by TwelveMonkeys' writer or byte by byte.
 */
class ImageDecoderWebpTiffTest {

    private final ImageDecoder decoder = new ImageDecoder();

    private static BufferedImage smooth(int w, int h, int type) {
        BufferedImage src = new BufferedImage(w, h, type);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                src.setRGB(x, y, 0xFF000000 | (x * 255 / (w - 1)) << 16 | (y * 255 / (h - 1)) << 8 | 100);
            }
        }
        return src;
    }

    private static double meanAbsDifference(RgbImage img, BufferedImage src) {
        long sum = 0;
        for (int y = 0; y < src.getHeight(); y++) {
            for (int x = 0; x < src.getWidth(); x++) {
                int p = src.getRGB(x, y);
                sum += Math.abs(img.get(y, x, 0) - ((p >> 16) & 255)) + Math.abs(img.get(y, x, 1) - ((p >> 8) & 255))
                        + Math.abs(img.get(y, x, 2) - (p & 255));
            }
        }
        return sum / (3.0 * src.getWidth() * src.getHeight());
    }

    private ImageRejectedException rejected(Reason reason, byte[] bytes) {
        ImageRejectedException e = assertThrows(ImageRejectedException.class, () -> decoder.decode(bytes));
        assertEquals(reason, e.reason(), e.getMessage());
        // the upload check (web tier, before storing) refuses it the same way, or it is only found when decoding
        return e;
    }

    @Test
    void losslessWebpIsExactlyThePictureItWasMadeFrom() {
        BufferedImage src = TestImages.pattern(203, 147, BufferedImage.TYPE_INT_RGB);
        byte[] webp = ImageEncoders.webpLossless(src);
        assertEquals("VP8L", new String(webp, 12, 4, StandardCharsets.ISO_8859_1));
        assertEquals(ImageFormat.WEBP, decoder.check(webp));
        RgbImage img = decoder.decode(webp);
        assertEquals(203, img.width());
        assertEquals(147, img.height());
        assertArrayEquals(TestImages.expectedRgb(src), img.rgb());
    }

    @Test
    void lossyWebpIsThePictureItWasMadeFrom() {
        BufferedImage src = smooth(160, 120, BufferedImage.TYPE_INT_RGB);
        byte[] webp = ImageEncoders.webpLossy(src, 90);
        assertEquals("VP8 ", new String(webp, 12, 4, StandardCharsets.ISO_8859_1));
        RgbImage img = decoder.decode(webp);
        assertEquals(160, img.width());
        assertTrue(meanAbsDifference(img, src) < 3, "mean difference " + meanAbsDifference(img, src));
    }

    @Test
    void extendedWebpWithAlphaDecodesItsColours() {
        BufferedImage src = smooth(90, 70, BufferedImage.TYPE_INT_ARGB);
        src.setRGB(0, 0, 0x00FFFFFF); // one transparent pixel makes cwebp write VP8X and ALPH
        byte[] webp = ImageEncoders.webpLossy(src, 90);
        assertEquals("VP8X", new String(webp, 12, 4, StandardCharsets.ISO_8859_1));
        RgbImage img = decoder.decode(webp);
        assertEquals(90, img.width());
        assertEquals(70, img.height());
        assertTrue(meanAbsDifference(img, smooth(90, 70, BufferedImage.TYPE_INT_RGB)) < 4);
    }

    @Test
    void tiffDecodesExactlyInEveryLosslessCompression() {
        BufferedImage src = TestImages.pattern(120, 77, BufferedImage.TYPE_3BYTE_BGR);
        for (String compression : List.of("None", "LZW", "Deflate", "PackBits")) {
            byte[] tiff = ImageEncoders.tiff(src, compression);
            assertEquals(ImageFormat.TIFF, decoder.check(tiff), compression);
            assertArrayEquals(TestImages.expectedRgb(src), decoder.decode(tiff).rgb(), compression);
        }
    }

    @Test
    void jpegCompressedAndGreyTiffDecode() {
        BufferedImage src = smooth(96, 64, BufferedImage.TYPE_3BYTE_BGR);
        assertTrue(meanAbsDifference(decoder.decode(ImageEncoders.tiff(src, "JPEG")), src) < 3);
        BufferedImage grey = new BufferedImage(64, 48, BufferedImage.TYPE_BYTE_GRAY);
        grey.getGraphics().drawImage(TestImages.pattern(64, 48, BufferedImage.TYPE_3BYTE_BGR), 0, 0, null);
        RgbImage img = decoder.decode(ImageEncoders.tiff(grey, "LZW"));
        assertEquals(grey.getRaster().getSample(10, 20, 0), img.get(20, 10, 0));
        assertEquals(grey.getRaster().getSample(10, 20, 0), img.get(20, 10, 2));
    }

    @Test
    void tiffBuiltByHandDecodesInBothByteOrdersAndHonoursItsOrientation() {
        byte[] rgb = new byte[4 * 2 * 3];
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = (byte) (i * 10);
        }
        for (boolean le : new boolean[] {true, false}) {
            RgbImage upright = decoder.decode(ImageEncoders.rawTiff(4, 2, rgb, 1, le));
            assertArrayEquals(rgb, upright.rgb());
            // orientation 6: stored turned left, shown turned 90 degrees clockwise
            RgbImage turned = decoder.decode(ImageEncoders.rawTiff(4, 2, rgb, 6, le));
            assertEquals(2, turned.width());
            assertEquals(4, turned.height());
            assertEquals(upright.get(1, 0, 0), turned.get(0, 0, 0));
            assertEquals(upright.get(0, 0, 0), turned.get(0, 1, 0));
            assertEquals(upright.get(0, 3, 0), turned.get(3, 1, 0));
        }
    }

    @Test
    void oversizedHeadersAreRefusedBeforeDecoding() {
        // tiny files that declare huge images: the limit speaks before any decoder runs
        ImageRejectedException lossless = rejected(Reason.TOO_MANY_PIXELS, ImageEncoders.vp8lDeclaring(16384, 16384));
        assertTrue(lossless.getMessage().contains("WebP image is 16384 x 16384"), lossless.getMessage());
        rejected(Reason.TOO_MANY_PIXELS, ImageEncoders.vp8xDeclaring(1L << 24, 1L << 24, 0));
        byte[] vp8 = new byte[10];
        vp8[3] = (byte) 0x9D;
        vp8[4] = 0x01;
        vp8[5] = 0x2A;
        vp8[6] = (byte) 0xFF;
        vp8[7] = 0x3F;
        vp8[8] = (byte) 0xFF;
        vp8[9] = 0x3F;
        rejected(Reason.TOO_MANY_PIXELS, ImageEncoders.riff(List.of(new ImageEncoders.Chunk("VP8 ", vp8))));
        ImageRejectedException tiff = rejected(Reason.TOO_MANY_PIXELS, ImageEncoders.rawTiff(100_000, 100_000, new byte[12], 1, true));
        assertTrue(tiff.getMessage().contains("TIFF image is 100000 x 100000"), tiff.getMessage());
        assertThrows(ImageRejectedException.class, () -> decoder.check(ImageEncoders.rawTiff(100_000, 100_000, new byte[12], 1, false)));
        // and the limits are the decoder's own: a lower one refuses a smaller declared image
        ImageDecoder small = new ImageDecoder(ImageLimits.defaults().withMaxPixels(1000));
        ImageRejectedException e = assertThrows(ImageRejectedException.class, () -> small.decode(ImageEncoders.vp8lDeclaring(100, 100)));
        assertEquals(Reason.TOO_MANY_PIXELS, e.reason());
        rejected(Reason.TOO_SMALL, ImageEncoders.rawTiff(1, 1, new byte[3], 1, true));
    }

    @Test
    void cutShortFilesAreRefusedAsTruncated() {
        byte[] tiff = ImageEncoders.tiff(TestImages.pattern(64, 64, BufferedImage.TYPE_3BYTE_BGR), "None");
        // the writer puts IFD0 after the pixels: cut the pixels' end while keeping the IFD readable
        byte[] strip = ImageEncoders.rawTiff(8, 8, new byte[8 * 8 * 3], 1, true);
        byte[] cutStrip = strip.clone();
        // StripByteCounts claims more than the file holds
        int counts = TestImages.indexOf(cutStrip, new byte[] {0x17, 0x01, 4, 0, 1, 0, 0, 0}, 8);
        cutStrip[counts + 8] = (byte) 0xF0;
        cutStrip[counts + 9] = 0x7F;
        ImageRejectedException e = rejected(Reason.TRUNCATED, cutStrip);
        assertTrue(e.getMessage().contains("TIFF file is cut short"), e.getMessage());
        for (int cut : new int[] {9, tiff.length / 2}) {
            assertThrows(ImageRejectedException.class, () -> decoder.decode(Arrays.copyOf(tiff, cut)));
        }
        rejected(Reason.TRUNCATED, Arrays.copyOf(ImageEncoders.vp8lDeclaring(100, 100), 30));
    }

    @Test
    void cutShortEncodedWebpIsRefusedAsTruncated() {
        byte[] webp = ImageEncoders.webpLossy(TestImages.pattern(64, 64, BufferedImage.TYPE_INT_RGB), 80);
        for (int cut : new int[] {16, 30, webp.length / 2, webp.length - 1}) {
            ImageRejectedException e = rejected(Reason.TRUNCATED, Arrays.copyOf(webp, cut));
            assertTrue(e.getMessage().contains("WebP file is cut short"), e.getMessage());
        }
        byte[] lossless = ImageEncoders.webpLossless(TestImages.pattern(64, 64, BufferedImage.TYPE_INT_RGB));
        rejected(Reason.TRUNCATED, Arrays.copyOf(lossless, lossless.length - 3));
    }

    @Test
    void variantsWeDoNotDecodeAreA415NamingThem() {
        ImageRejectedException animated = rejected(Reason.UNSUPPORTED_FORMAT, ImageEncoders.vp8xDeclaring(10, 10, 0x02));
        assertTrue(animated.getMessage().contains("animated WebP"), animated.getMessage());
        assertEquals(415, animated.httpStatus());
        byte[] floats = ImageEncoders.rawTiff(4, 2, new byte[24], 1, true);
        int bits = 8 + 24;
        floats[bits] = 32;
        floats[bits + 2] = 32;
        floats[bits + 4] = 32;
        assertTrue(rejected(Reason.UNSUPPORTED_FORMAT, floats).getMessage().contains("32-bit samples"));
        byte[] bigTiff = {'I', 'I', 43, 0, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
        assertTrue(rejected(Reason.UNSUPPORTED_FORMAT, bigTiff).getMessage().contains("BigTIFF"));
    }

    @Test
    void formatsStillRefusedAreNamed() {
        byte[] pad = new byte[32];
        List<Object[]> cases = List.of(
                new Object[] {"HEIF/HEIC", TestImages.concat(new byte[] {0, 0, 0, 24}, ascii("ftypheic"), new byte[4], ascii("mif1heic"), pad)},
                new Object[] {"AVIF", TestImages.concat(new byte[] {0, 0, 0, 28}, ascii("ftypmif1"), new byte[4], ascii("mif1avifmiaf"), pad)},
                new Object[] {"AVIF", TestImages.concat(new byte[] {0, 0, 0, 20}, ascii("ftypavif"), new byte[4], ascii("avif"), pad)},
                new Object[] {"JPEG XL", TestImages.concat(new byte[] {(byte) 0xFF, 0x0A}, pad)},
                new Object[] {"JPEG XL", TestImages.concat(new byte[] {0, 0, 0, 0x0C}, ascii("JXL "), pad)},
                new Object[] {"JPEG 2000", TestImages.concat(new byte[] {(byte) 0xFF, 0x4F, (byte) 0xFF, 0x51}, pad)},
                new Object[] {"JPEG XR", TestImages.concat(new byte[] {'I', 'I', (byte) 0xBC, 1}, pad)});
        for (Object[] c : cases) {
            ImageRejectedException e = rejected(Reason.UNSUPPORTED_FORMAT, (byte[]) c[1]);
            assertEquals(415, e.httpStatus());
            assertEquals("This is a " + c[0] + " image; only JPEG, PNG, BMP, GIF, WebP and TIFF are accepted.", e.getMessage());
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
