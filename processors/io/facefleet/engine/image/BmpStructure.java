package io.facefleet.engine.image;

import io.facefleet.engine.image.ImageRejectedException.Reason;

/**
 * Reads a BMP's file and DIB headers: size (checked against the limits), bits per pixel and
 * compression, and checks that the pixel array the headers promise is in the file. Embedded
 * JPEG or PNG (compression 4 and 5) is refused: it would be a second image inside the first,
 * past our header checks.
 */
final class BmpStructure {

    private static final int FILE_HEADER = 14;
    private static final int RGB = 0;
    private static final int RLE8 = 1;
    private static final int RLE4 = 2;
    private static final int BITFIELDS = 3;

    private BmpStructure() {
    }

    static ImageStructure parse(byte[] b, ImageLimits limits) {
        int n = b.length;
        long dibSize = Bytes.u32le(b, FILE_HEADER); // FormatSniffer checked it is a known size
        if (dibSize == 16 || dibSize == 64) {
            throw new ImageRejectedException(Reason.UNSUPPORTED_FORMAT,
                    "This is an OS/2 2.x bitmap, which is not supported; send a Windows BMP, PNG or JPEG.");
        }
        boolean core = dibSize == 12;
        int needed = FILE_HEADER + (core ? 12 : 40);
        if (n < needed) {
            throw truncated("inside its header");
        }
        long pixelOffset = Bytes.u32le(b, 10);
        long width;
        long height;
        int bitsPerPixel;
        long compression;
        long imageSize;
        if (core) {
            width = Bytes.u16le(b, 18);
            height = Bytes.u16le(b, 20);
            bitsPerPixel = Bytes.u16le(b, 24);
            compression = RGB;
            imageSize = 0;
        } else {
            width = Bytes.s32le(b, 18);
            height = Bytes.s32le(b, 22);
            bitsPerPixel = Bytes.u16le(b, 28);
            compression = Bytes.u32le(b, 30);
            imageSize = Bytes.u32le(b, 34);
        }
        boolean topDown = height < 0;
        height = Math.abs(height);
        if (compression == 4 || compression == 5) {
            throw new ImageRejectedException(Reason.UNSUPPORTED_FORMAT,
                    "This BMP wraps a " + (compression == 4 ? "JPEG" : "PNG") + " image, which is not supported; send the "
                            + (compression == 4 ? "JPEG" : "PNG") + " itself.");
        }
        if (compression > BITFIELDS) {
            throw new ImageRejectedException(Reason.UNSUPPORTED_FORMAT,
                    "This BMP uses compression type " + compression + ", which is not supported.");
        }
        boolean validDepth = switch ((int) compression) {
            case RLE8 -> bitsPerPixel == 8;
            case RLE4 -> bitsPerPixel == 4;
            case BITFIELDS -> bitsPerPixel == 16 || bitsPerPixel == 32;
            default -> bitsPerPixel == 1 || bitsPerPixel == 4 || bitsPerPixel == 8 || bitsPerPixel == 16
                    || bitsPerPixel == 24 || bitsPerPixel == 32;
        };
        if (!validDepth) {
            throw corrupt("an invalid depth of " + bitsPerPixel + " bits per pixel for compression " + compression);
        }
        limits.checkDimensions("BMP", width, height);
        if (pixelOffset < FILE_HEADER + dibSize) {
            throw corrupt("its pixel data starting inside its header");
        }
        boolean rle = compression == RLE8 || compression == RLE4;
        if (rle && topDown) {
            throw corrupt("a top-down run-length-encoded image");
        }
        long pixelBytes = rle ? imageSize : (width * bitsPerPixel + 31) / 32 * 4 * height;
        if (pixelOffset + pixelBytes > n || pixelOffset >= n) {
            throw truncated("before the end of its pixel data");
        }
        return new ImageStructure(ImageFormat.BMP, (int) width, (int) height, 1, false, b);
    }

    private static ImageRejectedException truncated(String where) {
        return new ImageRejectedException(Reason.TRUNCATED, "The BMP file is cut short: it ends " + where + ".");
    }

    private static ImageRejectedException corrupt(String what) {
        return new ImageRejectedException(Reason.CORRUPT, "The BMP file is damaged: it has " + what + ".");
    }
}
