package io.facefleet.engine.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.facefleet.engine.image.ImageRejectedException.Reason;
import java.awt.image.BufferedImage;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** One test per way an upload is refused, and the limits that refuse it. */
class ImageDecoderRejectsTest {

    private final ImageDecoder decoder = new ImageDecoder();

    private static ImageRejectedException rejected(Reason expected, Executable decode) {
        ImageRejectedException e = assertThrows(ImageRejectedException.class, decode);
        assertEquals(expected, e.reason(), e.getMessage());
        assertTrue(e.getMessage() != null && e.getMessage().length() > 20, "a human message: " + e.getMessage());
        return e;
    }

    private ImageRejectedException rejected(Reason expected, byte[] bytes) {
        return rejected(expected, () -> decoder.decode(bytes));
    }

    @Test
    void emptyAndNullAreRejectedAs400() {
        assertEquals(400, rejected(Reason.EMPTY, new byte[0]).httpStatus());
        rejected(Reason.EMPTY, () -> decoder.decode(null));
    }

    @Test
    void uploadOverTheByteLimitIsRejectedBeforeLookingAtIt() {
        byte[] jpeg = TestImages.write(TestImages.pattern(64, 64, BufferedImage.TYPE_3BYTE_BGR), "jpeg");
        ImageDecoder small = new ImageDecoder(ImageLimits.defaults().withMaxBytes(jpeg.length - 1));
        ImageRejectedException e = rejected(Reason.TOO_LARGE, () -> small.decode(jpeg));
        assertEquals(413, e.httpStatus());
        new ImageDecoder(ImageLimits.defaults().withMaxBytes(jpeg.length)).decode(jpeg);
        // default limit: 10 MiB
        rejected(Reason.TOO_LARGE, new byte[(int) ImageLimits.DEFAULT_MAX_BYTES + 1]);
    }

    @Test
    void textIsNotAnImage() {
        ImageRejectedException e = rejected(Reason.NOT_AN_IMAGE,
                "Hello, this is a plain text file, not a photo.\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(415, e.httpStatus());
        rejected(Reason.NOT_AN_IMAGE, "{\"image\": \"base64...\"}".getBytes(StandardCharsets.UTF_8));
        rejected(Reason.NOT_AN_IMAGE, "BM but only text after it".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void pdfIsNotAnImage() {
        ImageRejectedException e = rejected(Reason.NOT_AN_IMAGE,
                "%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n".getBytes(StandardCharsets.ISO_8859_1));
        assertTrue(e.getMessage().contains("PDF"), e.getMessage());
    }

    @Test
    void randomBytesAreNotAnImage() {
        Random random = new Random(42);
        for (int i = 0; i < 50; i++) {
            byte[] noise = new byte[1 + random.nextInt(4096)];
            random.nextBytes(noise);
            if ((noise[0] & 0xFF) == 0xFF || noise[0] == (byte) 0x89 || noise[0] == 'G' || noise[0] == 'B') {
                noise[0] = 0x17; // keep clear of the four magic numbers; those have their own tests
            }
            rejected(Reason.NOT_AN_IMAGE, noise);
        }
    }

    @Test
    void otherImageFormatsAreUnsupported() {
        // WebP and TIFF are decoded now (ImageDecoderWebpTiffTest); their unsupported variants are refused there
        assertEquals(415, rejected(Reason.UNSUPPORTED_FORMAT, new byte[] {'I', 'I', 43, 0, 8, 0, 0, 0}).httpStatus());
        rejected(Reason.UNSUPPORTED_FORMAT, TestImages.concat(new byte[] {0, 0, 0, 0x18},
                "ftypheic".getBytes(StandardCharsets.ISO_8859_1), new byte[16]));
        rejected(Reason.UNSUPPORTED_FORMAT, "<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"/>"
                .getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void jpegVariantsTheJdkCannotDecodeAreUnsupported() {
        byte[] jpeg = TestImages.write(TestImages.pattern(32, 32, BufferedImage.TYPE_3BYTE_BGR), "jpeg");
        int sof = TestImages.indexOf(jpeg, new byte[] {(byte) 0xFF, (byte) 0xC0}, 2);
        byte[] arithmetic = jpeg.clone();
        arithmetic[sof + 1] = (byte) 0xC9;
        assertTrue(rejected(Reason.UNSUPPORTED_FORMAT, arithmetic).getMessage().contains("arithmetic"));
        byte[] twelveBit = jpeg.clone();
        twelveBit[sof + 4] = 12;
        assertTrue(rejected(Reason.UNSUPPORTED_FORMAT, twelveBit).getMessage().contains("12-bit"));
    }

    @Test
    void truncatedJpegIsRejected() {
        byte[] jpeg = TestImages.write(TestImages.pattern(256, 192, BufferedImage.TYPE_3BYTE_BGR), "jpeg");
        // the JDK's reader alone would return these with a grey bottom and a warning
        for (int length : new int[] {jpeg.length - 2, jpeg.length - 1, jpeg.length / 2, 700, 4, 3}) {
            ImageRejectedException e = rejected(Reason.TRUNCATED, Arrays.copyOf(jpeg, length));
            assertEquals(422, e.httpStatus());
        }
        byte[] progressive = TestImages.progressiveJpeg(TestImages.pattern(256, 192, BufferedImage.TYPE_3BYTE_BGR));
        rejected(Reason.TRUNCATED, Arrays.copyOf(progressive, progressive.length * 2 / 3));
    }

    @Test
    void jpegCutShortThenGivenAnEndMarkerIsRejected() {
        // the structure is whole, but the scan data runs out: libjpeg's warning gives it away
        byte[] jpeg = TestImages.write(TestImages.pattern(256, 192, BufferedImage.TYPE_3BYTE_BGR), "jpeg");
        byte[] cut = Arrays.copyOf(jpeg, jpeg.length / 2 + 2);
        cut[cut.length - 2] = (byte) 0xFF;
        cut[cut.length - 1] = (byte) 0xD9;
        rejected(Reason.TRUNCATED, cut);
    }

    @Test
    void truncatedPngIsRejected() {
        byte[] png = TestImages.write(TestImages.pattern(256, 192, BufferedImage.TYPE_3BYTE_BGR), "png");
        for (int length : new int[] {png.length - 1, png.length - 12, png.length / 2, 40, 9}) {
            ImageRejectedException e = rejected(Reason.TRUNCATED, Arrays.copyOf(png, length));
            assertEquals(422, e.httpStatus());
        }
    }

    @Test
    void truncatedBmpAndGifAreRejected() {
        byte[] bmp = TestImages.write(TestImages.pattern(64, 48, BufferedImage.TYPE_3BYTE_BGR), "bmp");
        rejected(Reason.TRUNCATED, Arrays.copyOf(bmp, bmp.length - 1));
        rejected(Reason.TRUNCATED, Arrays.copyOf(bmp, 30));
        byte[] gif = TestImages.write(TestImages.pattern(64, 48, BufferedImage.TYPE_BYTE_INDEXED), "gif");
        rejected(Reason.TRUNCATED, Arrays.copyOf(gif, gif.length / 2));
        rejected(Reason.TRUNCATED, Arrays.copyOf(gif, 13));
    }

    @Test
    void damagedPngChecksumIsCorrupt() {
        byte[] png = TestImages.write(TestImages.pattern(64, 48, BufferedImage.TYPE_3BYTE_BGR), "png");
        int idat = TestImages.indexOf(png, "IDAT".getBytes(StandardCharsets.ISO_8859_1), 8);
        png[idat + 20] ^= 0x55;
        assertEquals(422, rejected(Reason.CORRUPT, png).httpStatus());
    }

    @Test
    void damagedCompressedDataIsCorrupt() {
        // a whole PNG structure (valid CRCs) around a zlib stream that stops half way
        byte[] raw = new byte[64 * (1 + 64 * 3)];
        new Random(7).nextBytes(raw);
        for (int y = 0; y < 64; y++) {
            raw[y * (1 + 64 * 3)] = 0; // filter type none
        }
        byte[] z = TestImages.zlib(raw);
        byte[] png = TestImages.png(TestImages.ihdr(64, 64, 8, 2),
                TestImages.pngChunk("IDAT", Arrays.copyOf(z, z.length / 2)), TestImages.pngChunk("IEND", new byte[0]));
        rejected(Reason.CORRUPT, png);
        // a JPEG whose scan uses a Huffman table that was never defined
        byte[] jpeg = TestImages.write(TestImages.pattern(32, 32, BufferedImage.TYPE_3BYTE_BGR), "jpeg");
        int sos = TestImages.indexOf(jpeg, new byte[] {(byte) 0xFF, (byte) 0xDA}, 2);
        jpeg[sos + 6] = 0x33;
        rejected(Reason.CORRUPT, jpeg);
    }

    @Test
    void oneByOneIsTooSmall() {
        ImageRejectedException e = rejected(Reason.TOO_SMALL,
                TestImages.write(TestImages.pattern(1, 1, BufferedImage.TYPE_3BYTE_BGR), "png"));
        assertTrue(e.getMessage().contains("1 x 1"), e.getMessage());
        rejected(Reason.TOO_SMALL, TestImages.write(TestImages.pattern(1, 1, BufferedImage.TYPE_3BYTE_BGR), "jpeg"));
        rejected(Reason.TOO_SMALL, TestImages.write(TestImages.pattern(100, 1, BufferedImage.TYPE_3BYTE_BGR), "jpeg"));
        rejected(Reason.TOO_SMALL, TestImages.write(TestImages.pattern(1, 1, BufferedImage.TYPE_3BYTE_BGR), "bmp"));
        rejected(Reason.TOO_SMALL, TestImages.write(TestImages.pattern(1, 1, BufferedImage.TYPE_BYTE_INDEXED), "gif"));
        // 2 x 2 is the smallest accepted by default; the limit is configurable
        assertEquals(2, decoder.decode(TestImages.write(TestImages.pattern(2, 2, BufferedImage.TYPE_3BYTE_BGR), "png")).width());
        ImageDecoder tolerant = new ImageDecoder(ImageLimits.defaults().withMinSide(1));
        assertEquals(1, tolerant.decode(TestImages.write(TestImages.pattern(1, 1, BufferedImage.TYPE_3BYTE_BGR), "png")).width());
        ImageDecoder strict = new ImageDecoder(ImageLimits.defaults().withMinSide(64));
        rejected(Reason.TOO_SMALL, () -> strict.decode(TestImages.write(TestImages.pattern(63, 80, BufferedImage.TYPE_3BYTE_BGR), "png")));
    }

    @Test
    void decompressionBombPngIsRefusedFromItsHeaderWithoutAllocating() {
        // 100000 x 100000 RGB would be 30 GB of pixels; the file is a few dozen bytes
        byte[] bomb = TestImages.png(TestImages.ihdr(100_000, 100_000, 8, 2),
                TestImages.pngChunk("IDAT", TestImages.zlib(new byte[1000])), TestImages.pngChunk("IEND", new byte[0]));
        assertTrue(bomb.length < 100);
        rejected(Reason.TOO_MANY_PIXELS, bomb); // warm-up: class loading and ImageIO's registry
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        ImageRejectedException e = rejected(Reason.TOO_MANY_PIXELS, bomb);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertEquals(413, e.httpStatus());
        assertTrue(e.getMessage().contains("100000 x 100000"), e.getMessage());
        assertTrue(allocated < 256 * 1024, "refusing the bomb allocated " + allocated + " bytes");
    }

    @Test
    void jpegAndGifBombsAreRefusedFromTheirHeaders() {
        rejected(Reason.TOO_MANY_PIXELS, TestImages.flatGreyJpeg(20_000, 20_000));
        // the header alone is enough: the size is refused before the missing data is noticed
        rejected(Reason.TOO_MANY_PIXELS, TestImages.flatGreyJpeg(65_000, 65_000, false));
        byte[] gif = TestImages.write(TestImages.pattern(16, 16, BufferedImage.TYPE_BYTE_INDEXED), "gif");
        int descriptor = TestImages.indexOf(gif, new byte[] {0x2C, 0, 0, 0, 0, 16, 0, 16, 0}, 13);
        gif[descriptor + 5] = (byte) 0xFF;
        gif[descriptor + 6] = (byte) 0xFF;
        gif[descriptor + 7] = (byte) 0xFF;
        gif[descriptor + 8] = (byte) 0xFF;
        rejected(Reason.TOO_MANY_PIXELS, () -> new ImageDecoder(ImageLimits.defaults().withMaxPixels(1_000_000)).decode(gif));
    }

    @Test
    void fiftyMegapixelsAreRefusedByDefaultAndDecodedWhenTheLimitIsRaised() {
        byte[] jpeg = TestImages.flatGreyJpeg(8660, 5774); // 50.0 megapixels in ~190 KB
        ImageRejectedException e = rejected(Reason.TOO_MANY_PIXELS, jpeg);
        assertTrue(e.getMessage().contains("8660 x 5774"), e.getMessage());
        assertTrue(e.getMessage().contains("40.0 megapixels"), e.getMessage());

        // ~200 MB of heap at the peak (grey raster + RGB result): fine under surefire's -Xmx3g
        RgbImage img = new ImageDecoder(ImageLimits.defaults().withMaxPixels(60_000_000)).decode(jpeg);
        assertEquals(8660, img.width());
        assertEquals(5774, img.height());
        byte[] rgb = img.rgb();
        for (int i = 0; i < rgb.length; i += 7919) {
            assertEquals(128, rgb[i] & 0xFF, "flat grey at byte " + i);
        }
        assertEquals(128, img.get(5773, 8659, 2));
    }

    @Test
    void jpegWithTooManyScansIsRefused() {
        // a progressive-decoding cost bomb: thousands of scans each cost a pass over the image
        byte[] jpeg = TestImages.flatGreyJpeg(64, 64);
        int sos = TestImages.indexOf(jpeg, new byte[] {(byte) 0xFF, (byte) 0xDA}, 2);
        byte[] scan = Arrays.copyOfRange(jpeg, sos, jpeg.length - 2);
        byte[][] parts = new byte[JpegStructure.MAX_SCANS + 3][];
        parts[0] = Arrays.copyOf(jpeg, sos);
        for (int i = 1; i <= JpegStructure.MAX_SCANS + 1; i++) {
            parts[i] = scan;
        }
        parts[parts.length - 1] = new byte[] {(byte) 0xFF, (byte) 0xD9};
        assertTrue(rejected(Reason.CORRUPT, TestImages.concat(parts)).getMessage().contains("scans"));
    }

    @Test
    void limitsValidateTheirValues() {
        ImageLimits d = ImageLimits.defaults();
        assertEquals(10L * 1024 * 1024, d.maxBytes());
        assertEquals(40_000_000L, d.maxPixels());
        assertEquals(2, d.minSide());
        assertThrows(IllegalArgumentException.class, () -> new ImageLimits(0, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new ImageLimits(1, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new ImageLimits(1, ImageLimits.MAX_PIXELS_CEILING + 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new ImageLimits(1, 1, 0));
    }

    @Test
    void everyReasonHasTheDocumentedStatus() {
        assertArrayEquals(new int[] {400, 413, 415, 415, 422, 422, 413, 422},
                Arrays.stream(Reason.values()).mapToInt(Reason::httpStatus).toArray());
    }

    @Test
    void mangledFilesNeverEscapeAsAnythingButARejection() {
        // flip bytes all over real files: every outcome is an image or an ImageRejectedException
        Random random = new Random(1234);
        byte[][] originals = {
            TestImages.write(TestImages.pattern(48, 40, BufferedImage.TYPE_3BYTE_BGR), "jpeg"),
            TestImages.progressiveJpeg(TestImages.pattern(48, 40, BufferedImage.TYPE_3BYTE_BGR)),
            TestImages.write(TestImages.pattern(48, 40, BufferedImage.TYPE_4BYTE_ABGR), "png"),
            TestImages.write(TestImages.pattern(48, 40, BufferedImage.TYPE_BYTE_INDEXED), "png"),
            TestImages.write(TestImages.pattern(48, 40, BufferedImage.TYPE_3BYTE_BGR), "bmp"),
            TestImages.write(TestImages.pattern(48, 40, BufferedImage.TYPE_BYTE_INDEXED), "bmp"),
            TestImages.write(TestImages.pattern(48, 40, BufferedImage.TYPE_BYTE_INDEXED), "gif"),
        };
        int decoded = 0;
        int refused = 0;
        for (byte[] original : originals) {
            for (int round = 0; round < 150; round++) {
                byte[] mangled = original.clone();
                int flips = 1 + random.nextInt(8);
                for (int f = 0; f < flips; f++) {
                    int at = 2 + random.nextInt(Math.min(mangled.length - 2, round % 2 == 0 ? 200 : mangled.length - 2));
                    mangled[at] = (byte) random.nextInt(256);
                }
                try {
                    RgbImage img = decoder.decode(mangled);
                    assertEquals(img.width() * img.height() * 3, img.rgb().length);
                    decoded++;
                } catch (ImageRejectedException e) {
                    refused++;
                }
            }
        }
        assertTrue(refused > 0 && decoded > 0, decoded + " decoded, " + refused + " refused");
    }
}
