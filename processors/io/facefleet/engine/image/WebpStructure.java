package io.facefleet.engine.image;

import io.facefleet.engine.image.ImageRejectedException.Reason;
import java.nio.charset.StandardCharsets;

/**
 * Walks a WebP's RIFF chunks to its image chunk and reads the size from that chunk's own header
 * (checked against the limits before the decoder runs): the VP8 key frame header for lossy, the
 * VP8L header for lossless, and, for the extended format (VP8X: alpha, colour profile, metadata),
 * the canvas size, which must equal the image chunk's. Every chunk must lie inside the file, so a
 * cut-short upload is refused here. Animated WebP is refused as a format we do not decode (the
 * first frame of an animation is a partial picture, unlike a GIF's); so is a VP8 inter frame.
 */
final class WebpStructure {

    private static final int RIFF_HEADER = 12;
    private static final int CHUNK_HEADER = 8;
    private static final int VP8X_ANIMATION = 0x02;
    private static final int VP8L_SIGNATURE = 0x2F;

    private WebpStructure() {
    }

    static ImageStructure parse(byte[] b, ImageLimits limits) {
        int n = b.length;
        long riffEnd = 8 + Bytes.u32le(b, 4);
        if (riffEnd > n) {
            throw truncated();
        }
        int pos = RIFF_HEADER;
        long canvasWidth = -1;
        long canvasHeight = -1;
        while (true) {
            if (pos + CHUNK_HEADER > riffEnd) {
                throw pos == RIFF_HEADER ? truncated() : corrupt("no image chunk (VP8 or VP8L)");
            }
            String type = new String(b, pos, 4, StandardCharsets.ISO_8859_1);
            long size = Bytes.u32le(b, pos + 4);
            int body = pos + CHUNK_HEADER;
            if (body + size > riffEnd) {
                throw truncated();
            }
            switch (type) {
                case "VP8X" -> {
                    if (pos != RIFF_HEADER || size < 10) {
                        throw corrupt("a misplaced or short VP8X chunk");
                    }
                    if ((Bytes.u8(b, body) & VP8X_ANIMATION) != 0) {
                        throw new ImageRejectedException(Reason.UNSUPPORTED_FORMAT,
                                "This is an animated WebP; only still WebP images are accepted.");
                    }
                    canvasWidth = 1 + u24le(b, body + 4);
                    canvasHeight = 1 + u24le(b, body + 7);
                    limits.checkDimensions("WebP", canvasWidth, canvasHeight);
                }
                case "VP8 " -> {
                    return image(b, limits, vp8Size(b, body, size), canvasWidth, canvasHeight);
                }
                case "VP8L" -> {
                    return image(b, limits, vp8lSize(b, body, size), canvasWidth, canvasHeight);
                }
                case "ANIM", "ANMF" -> throw new ImageRejectedException(Reason.UNSUPPORTED_FORMAT,
                        "This is an animated WebP; only still WebP images are accepted.");
                default -> {
                    if (canvasWidth < 0) {
                        throw corrupt("an unknown first chunk '" + printable(type) + "'");
                    }
                }
            }
            pos = body + (int) size + (int) (size & 1); // chunks are padded to an even length
        }
    }

    private static ImageStructure image(byte[] b, ImageLimits limits, long[] size, long canvasWidth, long canvasHeight) {
        limits.checkDimensions("WebP", size[0], size[1]);
        if (canvasWidth >= 0 && (canvasWidth != size[0] || canvasHeight != size[1])) {
            throw corrupt("a canvas of " + canvasWidth + " x " + canvasHeight + " but an image of "
                    + size[0] + " x " + size[1]);
        }
        return new ImageStructure(ImageFormat.WEBP, (int) size[0], (int) size[1], 1, false, b);
    }

    /** Lossy: a 3-byte frame tag (bit 0 clear for a key frame), the start code, 14-bit sizes. */
    private static long[] vp8Size(byte[] b, int body, long size) {
        if (size < 10) {
            throw corrupt("a VP8 chunk too short for its frame header");
        }
        if ((Bytes.u8(b, body) & 1) != 0) {
            throw corrupt("a VP8 frame that is not a key frame");
        }
        if (Bytes.u8(b, body + 3) != 0x9D || Bytes.u8(b, body + 4) != 0x01 || Bytes.u8(b, body + 5) != 0x2A) {
            throw corrupt("no VP8 start code");
        }
        return new long[] {Bytes.u16le(b, body + 6) & 0x3FFF, Bytes.u16le(b, body + 8) & 0x3FFF};
    }

    /** Lossless: the signature byte, then width - 1 and height - 1 in 14 bits each, alpha, version 0. */
    private static long[] vp8lSize(byte[] b, int body, long size) {
        if (size < 5) {
            throw corrupt("a VP8L chunk too short for its header");
        }
        if (Bytes.u8(b, body) != VP8L_SIGNATURE) {
            throw corrupt("no VP8L signature");
        }
        long bits = Bytes.u32le(b, body + 1);
        if ((bits >>> 29) != 0) {
            throw corrupt("an unknown VP8L version " + (bits >>> 29));
        }
        return new long[] {1 + (bits & 0x3FFF), 1 + ((bits >>> 14) & 0x3FFF)};
    }

    private static long u24le(byte[] b, int at) {
        return Bytes.u16le(b, at) | (long) Bytes.u8(b, at + 2) << 16;
    }

    private static String printable(String fourcc) {
        return fourcc.chars().allMatch(c -> c >= 0x20 && c < 0x7F) ? fourcc : "?";
    }

    private static ImageRejectedException truncated() {
        return new ImageRejectedException(Reason.TRUNCATED,
                "The WebP file is cut short: it ends before its image data does.");
    }

    private static ImageRejectedException corrupt(String what) {
        return new ImageRejectedException(Reason.CORRUPT, "The WebP file is damaged: it has " + what + ".");
    }
}
