package io.facefleet.engine.image;

/**
 * A decoded image: 8-bit RGB, row-major HWC ({@code rgb[(y * width + x) * 3 + c]}), the form the
 * face-api.js nets are fed. Immutable by convention: nobody writes into {@code rgb} after creation.
 */
public record RgbImage(int width, int height, byte[] rgb) {

    public RgbImage {
        if (width <= 0 || height <= 0 || rgb.length != width * height * 3) {
            throw new IllegalArgumentException("bad image geometry " + width + "x" + height
                    + " for " + rgb.length + " bytes");
        }
    }

    /** Channel value 0..255 at row y, column x, channel c. */
    public int get(int y, int x, int c) {
        return rgb[(y * width + x) * 3 + c] & 0xff;
    }
}
