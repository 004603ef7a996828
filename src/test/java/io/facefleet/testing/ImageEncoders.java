package io.facefleet.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * Encoders for the formats the JDK cannot write, made at test time from real encoders: TIFF by
 * TwelveMonkeys' TIFF writer, WebP by libwebp's own {@code cwebp} (Debian package {@code webp};
 * TwelveMonkeys reads WebP but has no writer, and no pure-Java WebP encoder is at hand). A test
 * that needs WebP calls {@link #assumeCwebp()}, which skips it with the reason when the tool is
 * absent; {@code .ci/run} installs it. Nothing encoded is committed.
 */
public final class ImageEncoders {

    private static final String TIFF_WRITER = "com.twelvemonkeys.imageio.plugins.tiff.TIFFImageWriter";
    private static Boolean cwebp;

    private ImageEncoders() {
    }

    /** A TIFF of {@code img} with the given compression ("None", "LZW", "Deflate", "PackBits", "JPEG"...). */
    public static byte[] tiff(BufferedImage img, String compression) {
        ImageWriter writer = writer();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(ios);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionType(compression);
            writer.write(null, new IIOImage(img, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    private static ImageWriter writer() {
        for (Iterator<ImageWriter> it = ImageIO.getImageWritersByFormatName("tiff"); it.hasNext(); ) {
            ImageWriter w = it.next();
            if (w.getClass().getName().equals(TIFF_WRITER)) {
                return w;
            }
        }
        throw new IllegalStateException("TwelveMonkeys' TIFF writer is not on the class path");
    }

    /** Skips the calling test, saying why, when libwebp's {@code cwebp} is not installed. */
    public static void assumeCwebp() {
        assumeTrue(cwebpAvailable(), "cwebp (Debian package webp) is not installed: the WebP test is skipped");
    }

    public static synchronized boolean cwebpAvailable() {
        if (cwebp == null) {
            try {
                Process p = new ProcessBuilder("cwebp", "-version").redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                cwebp = p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
            } catch (IOException e) {
                cwebp = false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                cwebp = false;
            }
        }
        return cwebp;
    }

    /** A lossless WebP (VP8L; VP8X with it when the image has alpha) of {@code img}, by cwebp. */
    public static byte[] webpLossless(BufferedImage img) {
        return cwebp(img, "-lossless", "-exact");
    }

    /** A lossy WebP (VP8) of {@code img} at {@code quality} 0..100, by cwebp. */
    public static byte[] webpLossy(BufferedImage img, int quality) {
        return cwebp(img, "-q", Integer.toString(quality));
    }

    private static byte[] cwebp(BufferedImage img, String... options) {
        assumeCwebp();
        Path dir = null;
        try {
            dir = Files.createTempDirectory("facefleet-webp");
            Path png = dir.resolve("in.png");
            Path webp = dir.resolve("out.webp");
            ImageIO.write(img, "png", png.toFile());
            List<String> command = new ArrayList<>(List.of("cwebp", "-quiet"));
            command.addAll(List.of(options));
            command.addAll(List.of(png.toString(), "-o", webp.toString()));
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("cwebp failed: " + output);
            }
            return Files.readAllBytes(webp);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running cwebp", e);
        } finally {
            if (dir != null) {
                try (var files = Files.list(dir)) {
                    for (Path f : files.toList()) {
                        Files.deleteIfExists(f);
                    }
                    Files.deleteIfExists(dir);
                } catch (IOException ignored) {
                    // a temp directory left behind is harmless
                }
            }
        }
    }

    /**
     * An uncompressed RGB TIFF built byte by byte: header, {@code rgb} as one strip, then IFD0
     * (width, length, 8-bit samples, no compression, RGB, one strip, Orientation). Declared sizes
     * need not match {@code rgb}: hostile tests declare what they like.
     */
    public static byte[] rawTiff(long width, long height, byte[] rgb, int orientation, boolean littleEndian) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(8 + rgb.length + 6 + 2 + 11 * 12 + 4)
                .order(littleEndian ? java.nio.ByteOrder.LITTLE_ENDIAN : java.nio.ByteOrder.BIG_ENDIAN);
        b.put(littleEndian ? (byte) 'I' : (byte) 'M').put(littleEndian ? (byte) 'I' : (byte) 'M').putShort((short) 42);
        int bitsAt = 8 + rgb.length;
        int ifdAt = bitsAt + 6;
        b.putInt(ifdAt).put(rgb);
        b.putShort((short) 8).putShort((short) 8).putShort((short) 8);
        b.putShort((short) 11);
        entry(b, 256, 4, 1, (int) width);                // ImageWidth
        entry(b, 257, 4, 1, (int) height);               // ImageLength
        entry(b, 258, 3, 3, bitsAt);                     // BitsPerSample 8,8,8
        entry(b, 259, 3, 1, 1);                          // Compression none
        entry(b, 262, 3, 1, 2);                          // RGB
        entry(b, 273, 4, 1, 8);                          // StripOffsets
        entry(b, 274, 3, 1, orientation);                // Orientation
        entry(b, 277, 3, 1, 3);                          // SamplesPerPixel
        entry(b, 278, 4, 1, (int) height);               // RowsPerStrip
        entry(b, 279, 4, 1, rgb.length);                 // StripByteCounts
        entry(b, 284, 3, 1, 1);                          // PlanarConfiguration chunky
        b.putInt(0);
        return b.array();
    }

    private static void entry(java.nio.ByteBuffer b, int tag, int type, int count, int value) {
        b.putShort((short) tag).putShort((short) type).putInt(count);
        if (type == 3 && count == 1) {
            b.putShort((short) value).putShort((short) 0);
        } else {
            b.putInt(value);
        }
    }

    /** A lossless WebP header declaring {@code width} x {@code height} (1..16384), then junk pixel data. */
    public static byte[] vp8lDeclaring(int width, int height) {
        long bits = (width - 1) | (long) (height - 1) << 14;
        byte[] chunk = new byte[5 + 32];
        chunk[0] = 0x2F;
        for (int i = 0; i < 4; i++) {
            chunk[1 + i] = (byte) (bits >>> (8 * i));
        }
        return riff(List.of(new Chunk("VP8L", chunk)));
    }

    /** An extended WebP whose VP8X canvas declares {@code width} x {@code height} (1..2^24). */
    public static byte[] vp8xDeclaring(long width, long height, int flags) {
        byte[] x = new byte[10];
        x[0] = (byte) flags;
        for (int i = 0; i < 3; i++) {
            x[4 + i] = (byte) ((width - 1) >>> (8 * i));
            x[7 + i] = (byte) ((height - 1) >>> (8 * i));
        }
        return riff(List.of(new Chunk("VP8X", x), new Chunk("VP8L", new byte[] {0x2F, 0, 0, 0, 0})));
    }

    /** A RIFF chunk of a WebP file. */
    public record Chunk(String type, byte[] data) {
    }

    /** "RIFF", size, "WEBP", then the chunks, each padded to an even length. */
    public static byte[] riff(List<Chunk> chunks) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes("WEBP".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        for (Chunk c : chunks) {
            body.writeBytes(c.type().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            body.writeBytes(le32(c.data().length));
            body.writeBytes(c.data());
            if (c.data().length % 2 == 1) {
                body.write(0);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("RIFF".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        out.writeBytes(le32(body.size()));
        out.writeBytes(body.toByteArray());
        return out.toByteArray();
    }

    private static byte[] le32(int v) {
        return new byte[] {(byte) v, (byte) (v >>> 8), (byte) (v >>> 16), (byte) (v >>> 24)};
    }
}
