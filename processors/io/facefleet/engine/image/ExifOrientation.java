package io.facefleet.engine.image;

/**
 * Reads the Orientation tag (0x0112) of IFD0 from a JPEG's APP1 Exif segment. Photos from
 * phones are stored sideways with this tag saying how to turn them; browsers honour it, so a
 * face service must too. A damaged Exif block is ignored (orientation 1), as browsers do: it
 * says nothing about whether the pixels are usable.
 */
final class ExifOrientation {

    private static final int ORIENTATION_TAG = 0x0112;
    private static final int TYPE_SHORT = 3;
    private static final int TYPE_LONG = 4;

    private ExifOrientation() {
    }

    /** True when the APP1 body at {@code off} starts with the Exif identifier "Exif\0\0". */
    static boolean isExif(byte[] b, int off, int len) {
        return len >= 6 && b[off] == 'E' && b[off + 1] == 'x' && b[off + 2] == 'i' && b[off + 3] == 'f'
                && b[off + 4] == 0 && b[off + 5] == 0;
    }

    /** Orientation 1..8 from an APP1 Exif body (as {@link #isExif} accepted), else 1. */
    static int read(byte[] b, int off, int len) {
        return readTiff(b, off + 6, len - 6);
    }

    /** Orientation 1..8 from a TIFF structure (header, IFD0) of {@code len} bytes, else 1. */
    static int readTiff(byte[] b, int tiff, int len) {
        if (len < 8) {
            return 1;
        }
        boolean little;
        if (b[tiff] == 'I' && b[tiff + 1] == 'I') {
            little = true;
        } else if (b[tiff] == 'M' && b[tiff + 1] == 'M') {
            little = false;
        } else {
            return 1;
        }
        if (u16(b, tiff + 2, little) != 42) {
            return 1;
        }
        long ifd = u32(b, tiff + 4, little);
        if (ifd < 8 || ifd + 2 > len) {
            return 1;
        }
        int entries = u16(b, tiff + (int) ifd, little);
        for (int i = 0; i < entries; i++) {
            long entry = ifd + 2 + 12L * i;
            if (entry + 12 > len) {
                return 1;
            }
            int at = tiff + (int) entry;
            if (u16(b, at, little) != ORIENTATION_TAG) {
                continue;
            }
            int type = u16(b, at + 2, little);
            long count = u32(b, at + 4, little);
            long value;
            if (type == TYPE_SHORT && count == 1) {
                value = u16(b, at + 8, little);
            } else if (type == TYPE_LONG && count == 1) {
                value = u32(b, at + 8, little);
            } else {
                return 1;
            }
            return value >= 1 && value <= 8 ? (int) value : 1;
        }
        return 1;
    }

    private static int u16(byte[] b, int at, boolean little) {
        return little ? Bytes.u16le(b, at) : Bytes.u16be(b, at);
    }

    private static long u32(byte[] b, int at, boolean little) {
        return little ? Bytes.u32le(b, at) : Bytes.u32be(b, at);
    }
}
