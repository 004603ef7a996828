package io.facefleet.engine.image;

import io.facefleet.engine.image.ImageRejectedException.Reason;

/**
 * Walks a GIF's blocks to the end of its first frame, the only one decoded: reads the frame's
 * size (checked against the limits) and checks that its compressed data is all there. Later
 * frames are not looked at, so a cut-short animation whose first frame is whole is accepted.
 */
final class GifStructure {

    private static final int HEADER = 6;
    private static final int EXTENSION = 0x21;
    private static final int IMAGE = 0x2C;
    private static final int TRAILER = 0x3B;

    private GifStructure() {
    }

    static ImageStructure parse(byte[] b, ImageLimits limits) {
        int n = b.length;
        if (n < HEADER + 7) {
            throw truncated();
        }
        int flags = Bytes.u8(b, HEADER + 4);
        int pos = HEADER + 7 + colourTableSize(flags);
        while (true) {
            if (pos >= n) {
                throw truncated();
            }
            int block = Bytes.u8(b, pos++);
            if (block == EXTENSION) {
                pos = skipSubBlocks(b, pos + 1);
            } else if (block == IMAGE) {
                if (pos + 9 > n) {
                    throw truncated();
                }
                int width = Bytes.u16le(b, pos + 4);
                int height = Bytes.u16le(b, pos + 6);
                limits.checkDimensions("GIF", width, height);
                pos += 9 + colourTableSize(Bytes.u8(b, pos + 8));
                if (pos >= n) {
                    throw truncated();
                }
                int codeSize = Bytes.u8(b, pos);
                if (codeSize < 1 || codeSize > 11) {
                    throw corrupt("an invalid LZW code size " + codeSize);
                }
                skipSubBlocks(b, pos + 1);
                return new ImageStructure(ImageFormat.GIF, width, height, 1, false, b);
            } else if (block == TRAILER) {
                throw corrupt("no image in it");
            } else {
                throw corrupt("an unknown block type 0x" + Integer.toHexString(block));
            }
        }
    }

    private static int colourTableSize(int flags) {
        return (flags & 0x80) != 0 ? 3 << ((flags & 7) + 1) : 0;
    }

    /** Skips a chain of length-prefixed sub-blocks ended by a zero length. */
    private static int skipSubBlocks(byte[] b, int pos) {
        while (true) {
            if (pos >= b.length) {
                throw truncated();
            }
            int size = Bytes.u8(b, pos);
            pos += 1 + size;
            if (size == 0) {
                return pos;
            }
        }
    }

    private static ImageRejectedException truncated() {
        return new ImageRejectedException(Reason.TRUNCATED,
                "The GIF file is cut short: it ends inside its first image.");
    }

    private static ImageRejectedException corrupt(String what) {
        return new ImageRejectedException(Reason.CORRUPT, "The GIF file is damaged: it has " + what + ".");
    }
}
