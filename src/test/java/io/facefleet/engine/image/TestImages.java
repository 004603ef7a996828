package io.facefleet.engine.image;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Builds test images with the JDK's own ImageIO writers (picked by name, so TwelveMonkeys'
 * writer never takes over) or by hand, byte by byte, and decodes them with the JDK's readers
 * as the reference the decoder must match.
 */
final class TestImages {

    private TestImages() {
    }

    /** A colourful, non-symmetric pattern: gradients plus a hashed texture. */
    static BufferedImage pattern(int w, int h, int type) {
        BufferedImage img = new BufferedImage(w, h, type);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int hash = (x * 73856093) ^ (y * 19349663);
                int r = (x * 255 / Math.max(1, w - 1) + (hash & 31)) & 0xFF;
                int g = (y * 255 / Math.max(1, h - 1) + ((hash >> 5) & 31)) & 0xFF;
                int b = ((x + y) * 4 + ((hash >> 10) & 63)) & 0xFF;
                img.setRGB(x, y, 0xFF000000 | r << 16 | g << 8 | b);
            }
        }
        return img;
    }

    /** Writes with the JDK's writer for the format ("jpeg", "png", "bmp", "gif"). */
    static byte[] write(BufferedImage img, String format) {
        return write(new IIOImage(img, null, null), format, null);
    }

    static byte[] write(IIOImage image, String format, ImageWriteParam param) {
        ImageWriter writer = jdkWriter(format);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(ios);
            writer.write(null, image, param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    static byte[] progressiveJpeg(BufferedImage img) {
        ImageWriteParam param = jdkWriter("jpeg").getDefaultWriteParam();
        param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
        return write(new IIOImage(img, null, null), "jpeg", param);
    }

    /** An animated GIF whose frames are the given images, first one first. */
    static byte[] animatedGif(List<BufferedImage> frames) {
        ImageWriter writer = jdkWriter("gif");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(ios);
            writer.prepareWriteSequence(null);
            for (BufferedImage frame : frames) {
                writer.writeToSequence(new IIOImage(frame, null, null), null);
            }
            writer.endWriteSequence();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    static ImageWriter jdkWriter(String format) {
        for (Iterator<ImageWriter> it = ImageIO.getImageWritersByFormatName(format); it.hasNext(); ) {
            ImageWriter w = it.next();
            if (w.getClass().getName().startsWith("com.sun.imageio.plugins.")) {
                return w;
            }
        }
        throw new IllegalStateException("no JDK writer for " + format);
    }

    /** Decodes with the JDK's own reader for the format, as ImageIO.read would without plug-ins. */
    static BufferedImage jdkRead(byte[] bytes, String format) {
        for (Iterator<ImageReader> it = ImageIO.getImageReadersByFormatName(format); it.hasNext(); ) {
            ImageReader r = it.next();
            if (r.getClass().getName().startsWith("com.sun.imageio.plugins.")) {
                try (MemoryCacheImageInputStream in = new MemoryCacheImageInputStream(new java.io.ByteArrayInputStream(bytes))) {
                    r.setInput(in, true, true);
                    return r.read(0);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } finally {
                    r.dispose();
                }
            }
        }
        throw new IllegalStateException("no JDK reader for " + format);
    }

    /**
     * The RGB a decoded image stands for, computed independently of the decoder: getRGB, except
     * for grey images, whose stored value is replicated (getRGB treats the JDK's grey as linear).
     * 16-bit grey is rounded to 8 bits as getRGB rounds 16-bit colour.
     */
    static byte[] expectedRgb(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        byte[] out = new byte[w * h * 3];
        boolean grey = !(img.getColorModel() instanceof IndexColorModel)
                && img.getColorModel().getColorSpace().getType() == ColorSpace.TYPE_GRAY;
        int bits = img.getColorModel().getComponentSize(0);
        Raster raster = img.getRaster();
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            if (!grey) {
                img.getRGB(0, y, w, 1, row, 0, w);
            }
            for (int x = 0; x < w; x++) {
                int o = (y * w + x) * 3;
                if (grey) {
                    int v = raster.getSample(x, y, 0);
                    int g = bits == 16 ? (int) Math.round(v / 257.0) : v;
                    out[o] = out[o + 1] = out[o + 2] = (byte) g;
                } else {
                    out[o] = (byte) (row[x] >> 16);
                    out[o + 1] = (byte) (row[x] >> 8);
                    out[o + 2] = (byte) row[x];
                }
            }
        }
        return out;
    }

    /** Inserts an APP1 Exif segment with only IFD0's Orientation tag right after SOI. */
    static byte[] withExifOrientation(byte[] jpeg, int orientation, boolean littleEndian) {
        ByteArrayOutputStream tiff = new ByteArrayOutputStream();
        if (littleEndian) {
            tiff.writeBytes(new byte[] {'I', 'I', 42, 0, 8, 0, 0, 0});
            tiff.writeBytes(new byte[] {1, 0});                              // one entry
            tiff.writeBytes(new byte[] {0x12, 0x01, 3, 0, 1, 0, 0, 0});       // 0x0112 SHORT x1
            tiff.writeBytes(new byte[] {(byte) orientation, 0, 0, 0});
        } else {
            tiff.writeBytes(new byte[] {'M', 'M', 0, 42, 0, 0, 0, 8});
            tiff.writeBytes(new byte[] {0, 1});
            tiff.writeBytes(new byte[] {0x01, 0x12, 0, 3, 0, 0, 0, 1});
            tiff.writeBytes(new byte[] {0, (byte) orientation, 0, 0});
        }
        tiff.writeBytes(new byte[4]);                                       // no next IFD
        byte[] body = concat("Exif\0\0".getBytes(StandardCharsets.ISO_8859_1), tiff.toByteArray());
        return insertAfterSoi(jpeg, segment(0xE1, body));
    }

    static byte[] segment(int marker, byte[] body) {
        int length = body.length + 2;
        if (length > 0xFFFF) {
            throw new IllegalArgumentException("a JPEG segment holds at most 65533 bytes, not " + body.length);
        }
        return concat(new byte[] {(byte) 0xFF, (byte) marker, (byte) (length >> 8), (byte) length}, body);
    }

    static byte[] insertAfterSoi(byte[] jpeg, byte[] segment) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        out.writeBytes(segment);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    /**
     * A baseline greyscale JPEG of any size whose every 8x8 block is flat mid-grey (128): one
     * quantisation table, two one-code Huffman tables (DC difference 0, end of block), and two
     * zero bits per block of entropy data. A 50-megapixel photo in 190 KB, built in no time.
     */
    static byte[] flatGreyJpeg(int width, int height) {
        return flatGreyJpeg(width, height, true);
    }

    /** As {@link #flatGreyJpeg(int, int)}; without data it stops right after the scan header. */
    static byte[] flatGreyJpeg(int width, int height, boolean withData) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xD8});
        byte[] dqt = new byte[65];
        java.util.Arrays.fill(dqt, 1, 65, (byte) 1);
        out.writeBytes(segment(0xDB, dqt));
        out.writeBytes(segment(0xC0, new byte[] {8, (byte) (height >> 8), (byte) height,
                (byte) (width >> 8), (byte) width, 1, 1, 0x11, 0}));
        byte[] oneCode = new byte[18];
        oneCode[1] = 1;          // BITS: one code of length 1 ...
        oneCode[17] = 0;         // ... for symbol 0 (DC: difference category 0; AC: end of block)
        oneCode[0] = 0x00;
        out.writeBytes(segment(0xC4, oneCode.clone()));
        oneCode[0] = 0x10;
        out.writeBytes(segment(0xC4, oneCode));
        out.writeBytes(segment(0xDA, new byte[] {1, 1, 0x00, 0, 63, 0}));
        if (!withData) {
            return out.toByteArray();
        }
        long blocks = (long) ((width + 7) / 8) * ((height + 7) / 8);
        long bits = 2 * blocks;
        byte[] data = new byte[(int) ((bits + 7) / 8)];
        int padding = (int) (data.length * 8L - bits);
        if (padding > 0) {
            data[data.length - 1] = (byte) ((1 << padding) - 1); // pad the last byte with ones
        }
        out.writeBytes(data);
        out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xD9});
        return out.toByteArray();
    }

    /** A PNG chunk with its length and CRC. */
    static byte[] pngChunk(String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.ISO_8859_1);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(be32(data.length));
        out.writeBytes(typeBytes);
        out.writeBytes(data);
        out.writeBytes(be32((int) crc.getValue()));
        return out.toByteArray();
    }

    static byte[] ihdr(int width, int height, int bitDepth, int colourType) {
        return pngChunk("IHDR", concat(be32(width), be32(height),
                new byte[] {(byte) bitDepth, (byte) colourType, 0, 0, 0}));
    }

    static byte[] png(byte[]... chunks) {
        return concat(concat(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'}), concat(chunks));
    }

    static byte[] zlib(byte[] raw) {
        Deflater deflater = new Deflater(9);
        deflater.setInput(raw);
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[65536];
        while (!deflater.finished()) {
            out.write(buf, 0, deflater.deflate(buf));
        }
        deflater.end();
        return out.toByteArray();
    }

    static byte[] be32(int v) {
        return new byte[] {(byte) (v >> 24), (byte) (v >> 16), (byte) (v >> 8), (byte) v};
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** Index of the first occurrence of {@code needle} in {@code hay} from {@code from}, or -1. */
    static int indexOf(byte[] hay, byte[] needle, int from) {
        outer:
        for (int i = from; i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
