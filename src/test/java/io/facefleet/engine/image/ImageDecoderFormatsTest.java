package io.facefleet.engine.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import org.junit.jupiter.api.Test;

/**
 * The good paths: every format and pixel layout we accept decodes to the RGB the JDK's own
 * readers give (getRGB; the stored value for grey), whatever the file is called.
 */
class ImageDecoderFormatsTest {

    private final ImageDecoder decoder = new ImageDecoder();

    /** Decodes with the decoder and with the JDK's reader; they must agree byte for byte. */
    private RgbImage assertParity(byte[] bytes, String format) {
        RgbImage img = decoder.decode(bytes);
        BufferedImage reference = TestImages.jdkRead(bytes, format);
        assertEquals(reference.getWidth(), img.width());
        assertEquals(reference.getHeight(), img.height());
        assertArrayEquals(TestImages.expectedRgb(reference), img.rgb());
        return img;
    }

    @Test
    void baselineJpeg() {
        assertParity(TestImages.write(TestImages.pattern(203, 147, BufferedImage.TYPE_3BYTE_BGR), "jpeg"), "jpeg");
    }

    @Test
    void jpegIsThePictureItWasMadeFrom() {
        // lossy, but a smooth picture comes back within a few levels
        BufferedImage src = new BufferedImage(160, 120, BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < 120; y++) {
            for (int x = 0; x < 160; x++) {
                src.setRGB(x, y, (x * 255 / 159) << 16 | (y * 255 / 119) << 8 | 100);
            }
        }
        RgbImage img = decoder.decode(TestImages.write(src, "jpeg"));
        assertTrue(meanAbsDifference(img, src) < 3, "mean difference " + meanAbsDifference(img, src));
    }

    @Test
    void progressiveJpeg() {
        byte[] jpeg = TestImages.progressiveJpeg(TestImages.pattern(320, 200, BufferedImage.TYPE_3BYTE_BGR));
        assertTrue(TestImages.indexOf(jpeg, new byte[] {(byte) 0xFF, (byte) 0xC2}, 2) > 0, "written progressive");
        assertParity(jpeg, "jpeg");
    }

    @Test
    void greyJpegKeepsItsStoredValues() {
        BufferedImage grey = new BufferedImage(64, 48, BufferedImage.TYPE_BYTE_GRAY);
        grey.getGraphics().drawImage(TestImages.pattern(64, 48, BufferedImage.TYPE_3BYTE_BGR), 0, 0, null);
        byte[] jpeg = TestImages.write(grey, "jpeg");
        RgbImage img = assertParity(jpeg, "jpeg");
        BufferedImage reference = TestImages.jdkRead(jpeg, "jpeg");
        assertEquals(BufferedImage.TYPE_BYTE_GRAY, reference.getType());
        assertEquals(reference.getRaster().getSample(10, 20, 0), img.get(20, 10, 1));
    }

    @Test
    void flatGreyJpegBuiltByHandDecodes() {
        RgbImage img = decoder.decode(TestImages.flatGreyJpeg(33, 17));
        assertEquals(33, img.width());
        assertEquals(17, img.height());
        for (byte v : img.rgb()) {
            assertEquals(128, v & 0xFF);
        }
    }

    @Test
    void png8BitRgbRgbaGreyAndGreyAlpha() {
        for (int type : new int[] {BufferedImage.TYPE_3BYTE_BGR, BufferedImage.TYPE_INT_RGB,
                BufferedImage.TYPE_4BYTE_ABGR, BufferedImage.TYPE_INT_ARGB, BufferedImage.TYPE_BYTE_GRAY}) {
            BufferedImage src = TestImages.pattern(97, 61, type);
            RgbImage img = assertParity(TestImages.write(src, "png"), "png");
            if (type != BufferedImage.TYPE_BYTE_GRAY) {
                assertEquals(0, meanAbsDifference(img, src), "PNG is lossless, type " + type);
            }
        }
        // grey + alpha (colour type 4): the grey value, alpha dropped
        ComponentColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_GRAY), true, false,
                Transparency.TRANSLUCENT, DataBuffer.TYPE_BYTE);
        WritableRaster raster = cm.createCompatibleWritableRaster(20, 10);
        for (int y = 0; y < 10; y++) {
            for (int x = 0; x < 20; x++) {
                raster.setPixel(x, y, new int[] {x * 12, 255 - y * 20});
            }
        }
        RgbImage img = assertParity(TestImages.write(new BufferedImage(cm, raster, false, null), "png"), "png");
        assertEquals(7 * 12, img.get(3, 7, 0));
        assertEquals(7 * 12, img.get(3, 7, 2));
    }

    @Test
    void rgbaPngDropsAlphaWithoutCompositing() {
        BufferedImage src = new BufferedImage(4, 4, BufferedImage.TYPE_INT_ARGB);
        src.setRGB(1, 2, 0x00FF8040);          // fully transparent orange
        src.setRGB(2, 1, 0x80102030);          // half transparent
        RgbImage img = decoder.decode(TestImages.write(src, "png"));
        assertEquals(List.of(0xFF, 0x80, 0x40), List.of(img.get(2, 1, 0), img.get(2, 1, 1), img.get(2, 1, 2)));
        assertEquals(List.of(0x10, 0x20, 0x30), List.of(img.get(1, 2, 0), img.get(1, 2, 1), img.get(1, 2, 2)));
    }

    @Test
    void png16BitRgbAndGreyRoundTo8Bits() {
        // every 16-bit value once in red, twice over in green and blue: the rounding is exhaustive
        ComponentColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), false, false,
                Transparency.OPAQUE, DataBuffer.TYPE_USHORT);
        WritableRaster raster = cm.createCompatibleWritableRaster(256, 256);
        for (int y = 0; y < 256; y++) {
            for (int x = 0; x < 256; x++) {
                int v = y * 256 + x;
                raster.setPixel(x, y, new int[] {v, 65535 - v, (v * 7) & 0xFFFF});
            }
        }
        byte[] png = TestImages.write(new BufferedImage(cm, raster, false, null), "png");
        assertEquals(16, png[24], "bit depth written");
        RgbImage img = assertParity(png, "png");
        assertEquals(0, img.get(0, 128, 0));       // 128 / 257 = 0.498
        assertEquals(1, img.get(0, 129, 0));       // 129 / 257 = 0.502
        assertEquals(255, img.get(255, 255, 0));

        BufferedImage grey16 = new BufferedImage(256, 256, BufferedImage.TYPE_USHORT_GRAY);
        for (int y = 0; y < 256; y++) {
            for (int x = 0; x < 256; x++) {
                grey16.getRaster().setSample(x, y, 0, y * 256 + x);
            }
        }
        byte[] greyPng = TestImages.write(grey16, "png");
        RgbImage grey = assertParity(greyPng, "png");
        assertEquals(Math.round(40000 / 257.0), grey.get(40000 / 256, 40000 % 256, 1));
    }

    @Test
    void interlacedPng() {
        javax.imageio.ImageWriteParam param = TestImages.jdkWriter("png").getDefaultWriteParam();
        param.setProgressiveMode(javax.imageio.ImageWriteParam.MODE_DEFAULT);
        BufferedImage src = TestImages.pattern(77, 51, BufferedImage.TYPE_3BYTE_BGR);
        byte[] png = TestImages.write(new IIOImage(src, null, null), "png", param);
        assertEquals(1, png[28], "Adam7 interlace written");
        RgbImage img = assertParity(png, "png");
        assertEquals(0, meanAbsDifference(img, src));
    }

    @Test
    void palettePngsOfEveryDepthWithTransparency() {
        for (int bits : new int[] {1, 2, 4, 8}) {
            int size = 1 << bits;
            byte[] r = new byte[size];
            byte[] g = new byte[size];
            byte[] b = new byte[size];
            byte[] a = new byte[size];
            for (int i = 0; i < size; i++) {
                r[i] = (byte) (i * 37);
                g[i] = (byte) (255 - i * 11);
                b[i] = (byte) (i * 5 + 3);
                a[i] = (byte) (i % 3 == 0 ? 0 : 255);
            }
            IndexColorModel palette = new IndexColorModel(bits, size, r, g, b, a);
            BufferedImage img = new BufferedImage(37, 23, bits == 8 ? BufferedImage.TYPE_BYTE_INDEXED
                    : BufferedImage.TYPE_BYTE_BINARY, palette);
            for (int y = 0; y < 23; y++) {
                for (int x = 0; x < 37; x++) {
                    img.getRaster().setSample(x, y, 0, (x + 3 * y) % size);
                }
            }
            byte[] png = TestImages.write(img, "png");
            assertEquals(3, png[25], "colour type palette");
            assertTrue(TestImages.indexOf(png, "tRNS".getBytes(StandardCharsets.ISO_8859_1), 8) > 0, "has tRNS");
            RgbImage out = assertParity(png, "png");
            int index = (5 + 3 * 4) % size;
            assertEquals(r[index] & 0xFF, out.get(4, 5, 0), bits + "-bit palette");
            assertEquals(b[index] & 0xFF, out.get(4, 5, 2), bits + "-bit palette");
        }
    }

    @Test
    void pngCompressedTextIsNeverInflated() {
        // a zTXt chunk inflating to 64 MB in a palette PNG: never inflated (the decoder drops it,
        // and reads with metadata ignored), so decoding costs what the 32 x 32 pixels cost
        byte[] png = TestImages.write(TestImages.pattern(32, 32, BufferedImage.TYPE_BYTE_INDEXED), "png");
        byte[] bomb = TestImages.concat("Comment\0\0".getBytes(StandardCharsets.ISO_8859_1),
                TestImages.zlib(new byte[64 * 1024 * 1024]));
        int idat = TestImages.indexOf(png, "IDAT".getBytes(StandardCharsets.ISO_8859_1), 8) - 4;
        byte[] withBomb = TestImages.concat(java.util.Arrays.copyOf(png, idat), TestImages.pngChunk("zTXt", bomb),
                java.util.Arrays.copyOfRange(png, idat, png.length));
        assertTrue(withBomb.length < 1024 * 1024);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean)
                java.lang.management.ManagementFactory.getThreadMXBean();
        decoder.decode(png);
        long before = threads.getCurrentThreadAllocatedBytes();
        RgbImage img = decoder.decode(withBomb);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertArrayEquals(decoder.decode(png).rgb(), img.rgb());
        assertTrue(allocated < 16 * 1024 * 1024, "decoding allocated " + allocated + " bytes");
    }

    @Test
    void bmp24BitAndPalette() {
        BufferedImage src = TestImages.pattern(51, 37, BufferedImage.TYPE_3BYTE_BGR);
        RgbImage img = assertParity(TestImages.write(src, "bmp"), "bmp");
        assertEquals(0, meanAbsDifference(img, src));
        assertParity(TestImages.write(TestImages.pattern(51, 37, BufferedImage.TYPE_BYTE_INDEXED), "bmp"), "bmp");
        // the same pixels stored top-down (negative height) read the same way up
        assertArrayEquals(img.rgb(), decoder.decode(topDown(TestImages.write(src, "bmp"))).rgb());
    }

    /** Rewrites a bottom-up 24-bit BMP as top-down: rows reversed, height negated. */
    private static byte[] topDown(byte[] bmp) {
        byte[] out = bmp.clone();
        int offset = (int) Bytes.u32le(bmp, 10);
        int width = Bytes.s32le(bmp, 18);
        int height = Bytes.s32le(bmp, 22);
        int row = (width * 24 + 31) / 32 * 4;
        for (int y = 0; y < height; y++) {
            System.arraycopy(bmp, offset + y * row, out, offset + (height - 1 - y) * row, row);
        }
        byte[] negative = java.nio.ByteBuffer.allocate(4).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(-height).array();
        System.arraycopy(negative, 0, out, 22, 4);
        return out;
    }

    @Test
    void bmp16And32BitPackedPixels() {
        for (int type : new int[] {BufferedImage.TYPE_USHORT_565_RGB, BufferedImage.TYPE_USHORT_555_RGB,
                BufferedImage.TYPE_INT_RGB}) {
            BufferedImage src = TestImages.pattern(30, 20, type);
            byte[] bmp = TestImages.write(src, "bmp");
            assertParity(bmp, "bmp");
        }
    }

    @Test
    void gifFirstFrame() {
        BufferedImage still = TestImages.pattern(45, 33, BufferedImage.TYPE_BYTE_INDEXED);
        assertParity(TestImages.write(still, "gif"), "gif");

        BufferedImage red = solid(40, 30, 0xFF0000);
        BufferedImage blue = solid(40, 30, 0x0000FF);
        byte[] animated = TestImages.animatedGif(List.of(red, blue, blue));
        RgbImage first = assertParity(animated, "gif");
        for (int i = 0; i < first.rgb().length; i += 3) {
            assertEquals(List.of(255, 0, 0), List.of(first.rgb()[i] & 0xFF, first.rgb()[i + 1] & 0xFF,
                    first.rgb()[i + 2] & 0xFF));
        }
    }

    @Test
    void gifFrameSmallerThanItsScreenIsTheFrame() {
        // as ImageIO gives it: the first frame's own rectangle, not the logical screen
        byte[] gif = TestImages.write(TestImages.pattern(20, 10, BufferedImage.TYPE_BYTE_INDEXED), "gif");
        gif[6] = 40; // logical screen width, little-endian
        gif[8] = 30; // logical screen height
        RgbImage img = assertParity(gif, "gif");
        assertEquals(20, img.width());
        assertEquals(10, img.height());
    }

    @Test
    void oneDecoderServesConcurrentCallers() throws Exception {
        byte[][] inputs = {
            TestImages.write(TestImages.pattern(120, 90, BufferedImage.TYPE_3BYTE_BGR), "jpeg"),
            TestImages.progressiveJpeg(TestImages.pattern(90, 120, BufferedImage.TYPE_3BYTE_BGR)),
            TestImages.write(TestImages.pattern(100, 80, BufferedImage.TYPE_4BYTE_ABGR), "png"),
            TestImages.write(TestImages.pattern(60, 50, BufferedImage.TYPE_BYTE_INDEXED), "gif"),
            TestImages.write(TestImages.pattern(70, 40, BufferedImage.TYPE_3BYTE_BGR), "bmp"),
        };
        byte[][] expected = new byte[inputs.length][];
        for (int i = 0; i < inputs.length; i++) {
            expected[i] = decoder.decode(inputs[i]).rgb();
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<Boolean>> results = new java.util.ArrayList<>();
            for (int n = 0; n < 100; n++) {
                int i = n % inputs.length;
                results.add(pool.submit(() -> java.util.Arrays.equals(expected[i], decoder.decode(inputs[i]).rgb())));
            }
            for (java.util.concurrent.Future<Boolean> r : results) {
                assertTrue(r.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void formatComesFromTheBytesNotTheName() {
        // there is no name to go by: a PNG is a PNG, a JPEG a JPEG, in any wrapper
        byte[] png = TestImages.write(TestImages.pattern(20, 20, BufferedImage.TYPE_3BYTE_BGR), "png");
        byte[] jpeg = TestImages.write(TestImages.pattern(20, 20, BufferedImage.TYPE_3BYTE_BGR), "jpeg");
        assertParity(png, "png");
        assertParity(jpeg, "jpeg");
    }

    @Test
    void jpegTheJdkReaderRefusesIsReadByTheFallback() {
        // an RGB JPEG carrying a grey ICC profile: the JDK's reader throws ("Numbers of source
        // Raster bands and source color space components do not match"); TwelveMonkeys'
        // ignores the mismatched profile and gives the plain decode
        byte[] plain = TestImages.write(TestImages.pattern(48, 32, BufferedImage.TYPE_3BYTE_BGR), "jpeg");
        byte[] profile = java.awt.color.ICC_Profile.getInstance(ColorSpace.CS_GRAY).getData();
        byte[] tagged = TestImages.insertAfterSoi(plain, TestImages.segment(0xE2, TestImages.concat(
                "ICC_PROFILE\0".getBytes(StandardCharsets.ISO_8859_1), new byte[] {1, 1}, profile)));
        org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class, () -> TestImages.jdkRead(tagged, "jpeg"));
        assertArrayEquals(decoder.decode(plain).rgb(), decoder.decode(tagged).rgb());
    }

    @Test
    void cmykJpegIsConvertedToRgb() {
        // Adobe CMYK (APP14 transform 0), stored inverted as Photoshop does: cyan | white over
        // cyan+black | black
        WritableRaster cmyk = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, 32, 32, 4, null);
        for (int y = 0; y < 32; y++) {
            for (int x = 0; x < 32; x++) {
                int c = x < 16 ? 255 : 0;
                int k = y < 16 ? 0 : 255;
                cmyk.setPixel(x, y, new int[] {255 - c, 255, 255, 255 - k});
            }
        }
        byte[] jpeg = adobeJpeg(cmyk, 0);
        assertQuadrants(decoder.decode(jpeg), new int[] {0, 255, 255}, new int[] {255, 255, 255});
    }

    @Test
    void ycckJpegIsConvertedToRgb() {
        // Adobe YCCK (APP14 transform 2): the Adobe-inverted C, M, Y are inverted once more
        // and stored as the YCbCr of that "RGB"; K is stored as is (inverted)
        WritableRaster ycck = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, 32, 32, 4, null);
        for (int y = 0; y < 32; y++) {
            for (int x = 0; x < 32; x++) {
                int cyanInk = x < 16 ? 255 : 0;
                int blackInk = y < 16 ? 0 : 255;
                int r = cyanInk;  // 255 - (255 - ink)
                int g = 0;
                int b = 0;
                int yy = (int) Math.round(0.299 * r + 0.587 * g + 0.114 * b);
                int cb = (int) Math.round(128 - 0.168736 * r - 0.331264 * g + 0.5 * b);
                int cr = (int) Math.round(128 + 0.5 * r - 0.418688 * g - 0.081312 * b);
                ycck.setPixel(x, y, new int[] {clamp(yy), clamp(cb), clamp(cr), 255 - blackInk});
            }
        }
        byte[] jpeg = adobeJpeg(ycck, 2);
        assertQuadrants(decoder.decode(jpeg), new int[] {0, 255, 255}, new int[] {255, 255, 255});
    }

    private static void assertQuadrants(RgbImage img, int[] cyan, int[] white) {
        assertEquals(32, img.width());
        assertEquals(32, img.height());
        assertClose(cyan, pixel(img, 8, 8), "cyan");
        assertClose(white, pixel(img, 24, 8), "white");
        int[] black = pixel(img, 24, 24);
        assertTrue(black[0] < 60 && black[1] < 60 && black[2] < 60, "black " + java.util.Arrays.toString(black));
        int[] cyanBlack = pixel(img, 8, 24);
        assertTrue(cyanBlack[0] < 60 && cyanBlack[1] < 60 && cyanBlack[2] < 60, "cyan+black " + java.util.Arrays.toString(cyanBlack));
    }

    private static void assertClose(int[] expected, int[] actual, String what) {
        for (int c = 0; c < 3; c++) {
            assertTrue(Math.abs(expected[c] - actual[c]) <= 40, what + ": expected ~"
                    + java.util.Arrays.toString(expected) + " got " + java.util.Arrays.toString(actual));
        }
    }

    private static int[] pixel(RgbImage img, int x, int y) {
        return new int[] {img.get(y, x, 0), img.get(y, x, 1), img.get(y, x, 2)};
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }

    /**
     * A four-component JPEG written by the JDK's writer from a raw raster (no colour
     * conversion), with an Adobe APP14 marker declaring the given transform.
     */
    private static byte[] adobeJpeg(Raster raster, int transform) {
        byte[] plain = TestImages.write(new IIOImage(raster, null, null), "jpeg", null);
        try {
            ImageReader reader = javax.imageio.ImageIO.getImageReader(TestImages.jdkWriter("jpeg"));
            reader.setInput(new javax.imageio.stream.MemoryCacheImageInputStream(new java.io.ByteArrayInputStream(plain)));
            IIOMetadata metadata = reader.getImageMetadata(0);
            String format = "javax_imageio_jpeg_image_1.0";
            IIOMetadataNode root = (IIOMetadataNode) metadata.getAsTree(format);
            IIOMetadataNode sequence = (IIOMetadataNode) root.getElementsByTagName("markerSequence").item(0);
            IIOMetadataNode adobe = new IIOMetadataNode("app14Adobe");
            adobe.setAttribute("version", "100");
            adobe.setAttribute("flags0", "0");
            adobe.setAttribute("flags1", "0");
            adobe.setAttribute("transform", Integer.toString(transform));
            sequence.insertBefore(adobe, sequence.getFirstChild());
            metadata.setFromTree(format, root);
            byte[] jpeg = TestImages.write(new IIOImage(raster, null, metadata), "jpeg", null);
            int sof = TestImages.indexOf(jpeg, new byte[] {(byte) 0xFF, (byte) 0xC0}, 2);
            assertEquals(4, jpeg[sof + 9], "four components");
            assertTrue(TestImages.indexOf(jpeg, "Adobe".getBytes(StandardCharsets.ISO_8859_1), 2) > 0);
            return jpeg;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static BufferedImage solid(int w, int h, int rgb) {
        byte[] r = {(byte) (rgb >> 16), 0};
        byte[] g = {(byte) (rgb >> 8), 0};
        byte[] b = {(byte) rgb, 0};
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_INDEXED, new IndexColorModel(8, 2, r, g, b));
        return img; // all zero indices: the colour
    }

    private static double meanAbsDifference(RgbImage img, BufferedImage src) {
        long sum = 0;
        for (int y = 0; y < img.height(); y++) {
            for (int x = 0; x < img.width(); x++) {
                int argb = src.getRGB(x, y);
                sum += Math.abs(img.get(y, x, 0) - ((argb >> 16) & 0xFF))
                        + Math.abs(img.get(y, x, 1) - ((argb >> 8) & 0xFF))
                        + Math.abs(img.get(y, x, 2) - (argb & 0xFF));
            }
        }
        return sum / (3.0 * img.width() * img.height());
    }
}
