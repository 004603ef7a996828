package io.facefleet.engine.image;

import io.facefleet.engine.image.ImageRejectedException.Reason;
import java.util.Arrays;

/**
 * Walks a JPEG's markers, and through its entropy-coded scans, to the end-of-image marker:
 * reads the frame size (checked against the limits before going further), the number of
 * components and the first Exif segment (its orientation read by {@link ExifOrientation}), and
 * refuses what the decoder would mishandle: a file without its EOI (the JDK's decoder fills the
 * missing part with grey), coding processes it cannot decode, and scan counts that would make a
 * progressive decode run for minutes. No library does this walk: ImageIO's JPEG readers (the
 * JDK's and TwelveMonkeys') decode a file without its EOI with only a warning, and look at the
 * scans only while decoding, after the pixel buffers exist.
 */
final class JpegStructure {

    /** Real progressive files have about 10 scans; each scan is a pass over the whole image. */
    static final int MAX_SCANS = 200;

    private static final int SOI = 0xD8;
    private static final int EOI = 0xD9;
    private static final int SOS = 0xDA;
    private static final int APP1 = 0xE1;

    private JpegStructure() {
    }

    static ImageStructure parse(byte[] b, ImageLimits limits) {
        int n = b.length;
        int pos = 2;
        int width = -1;
        int height = -1;
        int components = 0;
        byte[] exif = null;
        int scans = 0;
        while (true) {
            // Find the next marker; libjpeg skips stray bytes between segments, and so do we.
            while (pos < n && b[pos] != (byte) 0xFF) {
                pos++;
            }
            while (pos < n && b[pos] == (byte) 0xFF) {
                pos++;
            }
            if (pos >= n) {
                throw truncated();
            }
            int marker = b[pos++] & 0xFF;
            if (marker == 0x00 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                continue; // stuffed byte, TEM or restart marker: no segment follows
            }
            if (marker == EOI) {
                break;
            }
            if (marker == SOI) {
                throw corrupt("a second start-of-image marker");
            }
            if (pos + 2 > n) {
                throw truncated();
            }
            int length = Bytes.u16be(b, pos);
            if (length < 2) {
                throw corrupt("a segment of length " + length);
            }
            if (pos + length > n) {
                throw truncated();
            }
            int body = pos + 2;
            int bodyLength = length - 2;
            if (isFrameMarker(marker)) {
                if (width >= 0) {
                    throw corrupt("two frame headers");
                }
                checkProcess(marker);
                if (bodyLength < 6) {
                    throw corrupt("a short frame header");
                }
                int precision = Bytes.u8(b, body);
                height = Bytes.u16be(b, body + 1);
                width = Bytes.u16be(b, body + 3);
                components = Bytes.u8(b, body + 5);
                if (precision != 8) {
                    throw new ImageRejectedException(Reason.UNSUPPORTED_FORMAT, "This is a "
                            + precision + "-bit JPEG; only 8-bit JPEG is accepted.");
                }
                if (height == 0) {
                    throw new ImageRejectedException(Reason.UNSUPPORTED_FORMAT,
                            "This JPEG gives its height only after the image data (DNL marker), which is not supported.");
                }
                if (components != 1 && components != 3 && components != 4) {
                    throw new ImageRejectedException(Reason.UNSUPPORTED_FORMAT, "This JPEG has "
                            + components + " colour components; 1 (grey), 3 (colour) or 4 (CMYK) are accepted.");
                }
                if (bodyLength < 6 + 3 * components) {
                    throw corrupt("a short frame header");
                }
                for (int c = 0; c < components; c++) {
                    int sampling = Bytes.u8(b, body + 7 + 3 * c);
                    int h = sampling >> 4;
                    int v = sampling & 15;
                    if (h < 1 || h > 4 || v < 1 || v > 4) {
                        throw corrupt("an invalid sampling factor");
                    }
                }
                limits.checkDimensions("JPEG", width, height);
            } else if (marker == SOS) {
                if (width < 0) {
                    throw corrupt("image data before the frame header");
                }
                if (++scans > MAX_SCANS) {
                    throw corrupt("more than " + MAX_SCANS + " scans");
                }
                pos = skipEntropyData(b, pos + length);
                continue;
            } else if (marker == APP1 && exif == null && ExifOrientation.isExif(b, body, bodyLength)) {
                exif = Arrays.copyOfRange(b, body, body + bodyLength); // read once the structure is known whole
            }
            pos += length;
        }
        if (width < 0) {
            throw corrupt("no frame header");
        }
        if (scans == 0) {
            throw corrupt("no image data");
        }
        int orientation = exif == null ? ExifOrientation.AS_STORED : ExifOrientation.read(exif);
        return new ImageStructure(ImageFormat.JPEG, width, height, orientation, components == 4, b);
    }

    /** Returns the position of the marker that ends the scan starting at {@code pos}. */
    private static int skipEntropyData(byte[] b, int pos) {
        int n = b.length;
        while (true) {
            while (pos < n && b[pos] != (byte) 0xFF) {
                pos++;
            }
            if (pos + 1 >= n) {
                throw truncated();
            }
            int next = b[pos + 1] & 0xFF;
            if (next == 0x00 || (next >= 0xD0 && next <= 0xD7)) {
                pos += 2; // stuffed 0xFF data byte or restart marker: still inside the scan
            } else if (next == 0xFF) {
                pos++; // fill byte before a marker
            } else {
                return pos;
            }
        }
    }

    /** SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC), which share the range. */
    private static boolean isFrameMarker(int m) {
        return m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC;
    }

    /** The JDK's decoder does baseline, extended sequential and progressive Huffman JPEG. */
    private static void checkProcess(int marker) {
        String process = switch (marker) {
            case 0xC0, 0xC1, 0xC2 -> null;
            case 0xC3 -> "lossless";
            case 0xC5, 0xC6, 0xC7 -> "hierarchical";
            default -> "arithmetic-coded";
        };
        if (process != null) {
            throw new ImageRejectedException(Reason.UNSUPPORTED_FORMAT, "This is a " + process
                    + " JPEG; only baseline and progressive JPEG are accepted.");
        }
    }

    private static ImageRejectedException truncated() {
        return new ImageRejectedException(Reason.TRUNCATED,
                "The JPEG file is cut short: it ends before its end-of-image marker.");
    }

    private static ImageRejectedException corrupt(String what) {
        return new ImageRejectedException(Reason.CORRUPT, "The JPEG file is damaged: it has " + what + ".");
    }
}
