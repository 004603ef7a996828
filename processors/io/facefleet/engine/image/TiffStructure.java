package io.facefleet.engine.image;

import io.facefleet.engine.image.ImageRejectedException.Reason;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the first IFD of a TIFF (the only page decoded): width and height (checked against the
 * limits before anything else), the sample layout, the compression, the Orientation tag, and
 * the strip or tile table, each of whose pieces must lie inside the file, so a cut-short upload
 * is refused here. Refused as formats we do not decode: BigTIFF (sniffed apart), floating-point
 * or over-16-bit samples and more than four samples a pixel (their raster would exceed the heap
 * a decode is budgeted, {@link DecodeBudget#HEAP_BYTES_PER_PIXEL}), and compressions the reader
 * has no codec for. Tiles larger than the pixel limit are refused: the reader allocates a tile
 * at a time.
 */
final class TiffStructure {

    private static final int IMAGE_WIDTH = 256;
    private static final int IMAGE_LENGTH = 257;
    private static final int BITS_PER_SAMPLE = 258;
    private static final int COMPRESSION = 259;
    private static final int STRIP_OFFSETS = 273;
    private static final int ORIENTATION = 274;
    private static final int SAMPLES_PER_PIXEL = 277;
    private static final int STRIP_BYTE_COUNTS = 279;
    private static final int TILE_WIDTH = 322;
    private static final int TILE_LENGTH = 323;
    private static final int TILE_OFFSETS = 324;
    private static final int TILE_BYTE_COUNTS = 325;
    private static final int SAMPLE_FORMAT = 339;

    private static final int SHORT = 3;
    private static final int LONG = 4;
    private static final int MAX_SAMPLES = 4;
    private static final int MAX_BITS = 16;
    private static final int UNSIGNED_INTEGER = 1;

    /** None, CCITT (RLE, T.4, T.6), LZW, old and new JPEG, Deflate (both codes), PackBits. */
    private static final Set<Integer> COMPRESSIONS = Set.of(1, 2, 3, 4, 5, 6, 7, 8, 32946, 32773);

    private TiffStructure() {
    }

    /** One IFD entry: its type, value count and where its values are (inline or at an offset). */
    private record Entry(int type, long count, int valuesAt) {
    }

    static ImageStructure parse(byte[] b, ImageLimits limits) {
        boolean le = b[0] == 'I';
        int n = b.length;
        if (n < 8) {
            throw truncated();
        }
        long ifd = u32(b, 4, le);
        if (ifd < 8 || ifd + 2 > n) {
            throw ifd + 2 > n && ifd >= 8 ? truncated() : corrupt("an invalid first IFD offset " + ifd);
        }
        int count = u16(b, (int) ifd, le);
        int entriesEnd = (int) ifd + 2 + 12 * count;
        if (entriesEnd > n) {
            throw truncated();
        }
        Map<Integer, Entry> tags = new HashMap<>();
        for (int i = 0; i < count; i++) {
            int at = (int) ifd + 2 + 12 * i;
            int type = u16(b, at + 2, le);
            long values = u32(b, at + 4, le);
            long bytes = values * typeSize(type);
            int valuesAt = bytes <= 4 ? at + 8 : (int) Math.min(Integer.MAX_VALUE, u32(b, at + 8, le));
            if (bytes > 4 && valuesAt + bytes > n) {
                throw truncated();
            }
            tags.put(u16(b, at, le), new Entry(type, values, valuesAt));
        }
        long width = number(b, le, tags, IMAGE_WIDTH, -1);
        long height = number(b, le, tags, IMAGE_LENGTH, -1);
        if (width < 0 || height < 0) {
            throw corrupt("no image width or length");
        }
        limits.checkDimensions("TIFF", width, height);
        checkSamples(b, le, tags);
        long compression = number(b, le, tags, COMPRESSION, 1);
        if (!COMPRESSIONS.contains((int) compression)) {
            throw new ImageRejectedException(Reason.UNSUPPORTED_FORMAT, "This TIFF uses compression "
                    + compression + ", which is not decoded; save it uncompressed, LZW, Deflate, PackBits or JPEG.");
        }
        if (tags.containsKey(TILE_OFFSETS)) {
            long tileWidth = number(b, le, tags, TILE_WIDTH, -1);
            long tileLength = number(b, le, tags, TILE_LENGTH, -1);
            if (tileWidth <= 0 || tileLength <= 0 || tileWidth * tileLength > limits.maxPixels()) {
                throw corrupt("invalid tiles of " + tileWidth + " x " + tileLength);
            }
            checkPieces(b, le, tags, TILE_OFFSETS, TILE_BYTE_COUNTS, "tile");
        } else {
            checkPieces(b, le, tags, STRIP_OFFSETS, STRIP_BYTE_COUNTS, "strip");
        }
        long orientation = number(b, le, tags, ORIENTATION, ExifOrientation.AS_STORED);
        // as for EXIF, a value outside 1..8 says nothing about the pixels: ignored
        int upright = orientation >= 1 && orientation <= 8 ? (int) orientation : ExifOrientation.AS_STORED;
        return new ImageStructure(ImageFormat.TIFF, (int) width, (int) height, upright, false, b);
    }

    private static void checkSamples(byte[] b, boolean le, Map<Integer, Entry> tags) {
        long samples = number(b, le, tags, SAMPLES_PER_PIXEL, 1);
        if (samples < 1 || samples > MAX_SAMPLES) {
            throw new ImageRejectedException(Reason.UNSUPPORTED_FORMAT, "This TIFF has " + samples
                    + " samples a pixel; at most " + MAX_SAMPLES + " are decoded.");
        }
        Entry bits = tags.get(BITS_PER_SAMPLE);
        for (int i = 0; bits != null && i < Math.min(bits.count(), MAX_SAMPLES); i++) {
            long v = value(b, le, bits, i);
            if (v < 1 || v > MAX_BITS) {
                throw new ImageRejectedException(Reason.UNSUPPORTED_FORMAT, "This TIFF has " + v
                        + "-bit samples; only 1 to 16 bits a sample are decoded.");
            }
        }
        Entry format = tags.get(SAMPLE_FORMAT);
        for (int i = 0; format != null && i < Math.min(format.count(), MAX_SAMPLES); i++) {
            if (value(b, le, format, i) != UNSIGNED_INTEGER) {
                throw new ImageRejectedException(Reason.UNSUPPORTED_FORMAT,
                        "This TIFF has signed or floating-point samples; only unsigned integer samples are decoded.");
            }
        }
    }

    /** Every strip (or tile) named by the offset table must lie whole inside the file. */
    private static void checkPieces(byte[] b, boolean le, Map<Integer, Entry> tags, int offsetsTag, int countsTag, String piece) {
        Entry offsets = tags.get(offsetsTag);
        Entry counts = tags.get(countsTag);
        if (offsets == null || counts == null || offsets.count() == 0 || offsets.count() != counts.count()) {
            throw corrupt("no consistent " + piece + " table");
        }
        for (int i = 0; i < offsets.count(); i++) {
            long start = value(b, le, offsets, i);
            long length = value(b, le, counts, i);
            if (start + length > b.length) {
                throw truncated();
            }
        }
    }

    /** The first value of a SHORT or LONG tag, or {@code absent} when the tag is missing. */
    private static long number(byte[] b, boolean le, Map<Integer, Entry> tags, int tag, long absent) {
        Entry e = tags.get(tag);
        if (e == null) {
            return absent;
        }
        if (e.count() < 1) {
            throw corrupt(String.format(Locale.ROOT, "an empty tag %d", tag));
        }
        return value(b, le, e, 0);
    }

    private static long value(byte[] b, boolean le, Entry e, int index) {
        return switch (e.type()) {
            case SHORT -> u16(b, e.valuesAt() + 2 * index, le);
            case LONG -> u32(b, e.valuesAt() + 4 * index, le);
            default -> throw corrupt("a number tag of type " + e.type());
        };
    }

    /** Bytes per value of a TIFF field type (0 for unknown types, whose values are never read). */
    private static int typeSize(int type) {
        return switch (type) {
            case 1, 2, 6, 7 -> 1;
            case SHORT, 8 -> 2;
            case LONG, 9, 11, 13 -> 4;
            case 5, 10, 12 -> 8;
            default -> 0;
        };
    }

    private static int u16(byte[] b, int at, boolean le) {
        return le ? Bytes.u16le(b, at) : Bytes.u16be(b, at);
    }

    private static long u32(byte[] b, int at, boolean le) {
        return le ? Bytes.u32le(b, at) : Bytes.u32be(b, at);
    }

    private static ImageRejectedException truncated() {
        return new ImageRejectedException(Reason.TRUNCATED,
                "The TIFF file is cut short: its first image ends after the file does.");
    }

    private static ImageRejectedException corrupt(String what) {
        return new ImageRejectedException(Reason.CORRUPT, "The TIFF file is damaged: it has " + what + ".");
    }
}
