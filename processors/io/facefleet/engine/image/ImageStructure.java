package io.facefleet.engine.image;

/**
 * What a header parser learned about an upload before any pixel was decoded: its format and
 * size (already checked against the limits), the EXIF orientation to apply after decoding, and
 * the bytes to hand to the decoder (the upload itself, or a cleaned copy of it).
 *
 * @param orientation EXIF orientation 1..8 (1 = as stored)
 * @param cmyk        a four-component (CMYK or YCCK) JPEG, which needs the CMYK-capable reader
 */
record ImageStructure(ImageFormat format, int width, int height, int orientation, boolean cmyk,
        byte[] readerInput) {
}
