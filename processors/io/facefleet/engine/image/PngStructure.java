package io.facefleet.engine.image;

import io.facefleet.engine.image.ImageRejectedException.Reason;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * Walks a PNG's chunks to IEND: reads and checks IHDR (the size is checked against the limits
 * before anything else is read, so a tiny file declaring 100000 x 100000 costs nothing), checks
 * the CRC of the critical chunks, and builds the copy the decoder reads, which keeps only the
 * chunks that define pixels (IHDR, PLTE, tRNS, IDAT, IEND); the JDK's decoder takes pixels from
 * nothing else. Why drop the rest: a compressed text chunk is a decompression bomb no pixel limit
 * catches (a 260 KB zTXt makes the JDK's reader allocate 800 MB when it reads metadata). We do
 * tell the reader to ignore metadata, which today spares us, so this is the second wall.
 */
final class PngStructure {

    private static final int SIGNATURE_LENGTH = 8;

    private PngStructure() {
    }

    static ImageStructure parse(byte[] b, ImageLimits limits) {
        int n = b.length;
        int pos = SIGNATURE_LENGTH;
        ByteArrayOutputStream kept = new ByteArrayOutputStream(n);
        kept.write(b, 0, SIGNATURE_LENGTH);
        int width = -1;
        int height = -1;
        int colourType = -1;
        boolean palette = false;
        boolean data = false;
        while (true) {
            if (pos + 8 > n) {
                throw truncated();
            }
            long length = Bytes.u32be(b, pos);
            String type = new String(b, pos + 4, 4, StandardCharsets.ISO_8859_1);
            if (length > Integer.MAX_VALUE || !type.chars().allMatch(c -> (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))) {
                throw corrupt("an invalid chunk header");
            }
            if (pos + 12 + length > n) {
                throw truncated();
            }
            int body = pos + 8;
            int chunkEnd = body + (int) length + 4;
            boolean critical = Character.isUpperCase(type.charAt(0));
            if (width < 0 && !type.equals("IHDR")) {
                throw corrupt("no IHDR chunk first");
            }
            if (critical) {
                checkCrc(b, pos + 4, (int) length + 4, type);
            }
            switch (type) {
                case "IHDR" -> {
                    if (width >= 0) {
                        throw corrupt("two IHDR chunks");
                    }
                    if (length != 13) {
                        throw corrupt("an IHDR chunk of " + length + " bytes");
                    }
                    long w = Bytes.u32be(b, body);
                    long h = Bytes.u32be(b, body + 4);
                    if (w > Integer.MAX_VALUE || h > Integer.MAX_VALUE) {
                        throw corrupt("a size beyond the PNG maximum");
                    }
                    limits.checkDimensions("PNG", w, h);
                    width = (int) w;
                    height = (int) h;
                    colourType = Bytes.u8(b, body + 9);
                    checkHeader(Bytes.u8(b, body + 8), colourType, Bytes.u8(b, body + 10),
                            Bytes.u8(b, body + 11), Bytes.u8(b, body + 12));
                }
                case "PLTE" -> palette = true;
                case "IDAT" -> data = true;
                case "tRNS" -> { }
                case "IEND" -> {
                    kept.write(b, pos, chunkEnd - pos);
                    if (!data) {
                        throw corrupt("no image data (IDAT)");
                    }
                    if (colourType == 3 && !palette) {
                        throw corrupt("no palette for its palette colour type");
                    }
                    return new ImageStructure(ImageFormat.PNG, width, height, 1, false, kept.toByteArray());
                }
                default -> {
                    if (critical) {
                        throw new ImageRejectedException(Reason.UNSUPPORTED_FORMAT,
                                "This PNG has an unknown critical chunk " + type + ".");
                    }
                    pos = chunkEnd;
                    continue;
                }
            }
            kept.write(b, pos, chunkEnd - pos);
            pos = chunkEnd;
        }
    }

    private static void checkHeader(int bitDepth, int colourType, int compression, int filter, int interlace) {
        boolean valid = switch (colourType) {
            case 0 -> bitDepth == 1 || bitDepth == 2 || bitDepth == 4 || bitDepth == 8 || bitDepth == 16;
            case 3 -> bitDepth == 1 || bitDepth == 2 || bitDepth == 4 || bitDepth == 8;
            case 2, 4, 6 -> bitDepth == 8 || bitDepth == 16;
            default -> false;
        };
        if (!valid || compression != 0 || filter != 0 || interlace > 1) {
            throw corrupt("an invalid IHDR (bit depth " + bitDepth + ", colour type " + colourType + ")");
        }
    }

    private static void checkCrc(byte[] b, int from, int length, String type) {
        CRC32 crc = new CRC32();
        crc.update(b, from, length);
        if (crc.getValue() != Bytes.u32be(b, from + length)) {
            throw corrupt("a checksum error in its " + type + " chunk");
        }
    }

    private static ImageRejectedException truncated() {
        return new ImageRejectedException(Reason.TRUNCATED,
                "The PNG file is cut short: it ends before its IEND chunk.");
    }

    private static ImageRejectedException corrupt(String what) {
        return new ImageRejectedException(Reason.CORRUPT, "The PNG file is damaged: it has " + what + ".");
    }
}
