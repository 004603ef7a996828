package io.facefleet.engine.image;

/**
 * Turns a decoded image upright according to its EXIF orientation (1..8), the way a browser
 * displays it: 2 mirror left-right, 3 rotate 180, 4 mirror top-bottom, 5 transpose (mirror
 * across the main diagonal), 6 rotate 90 clockwise, 7 transverse (mirror across the other
 * diagonal), 8 rotate 90 counter-clockwise. 5 to 8 swap width and height.
 */
final class Orientation {

    private Orientation() {
    }

    static RgbImage apply(RgbImage img, int orientation) {
        if (orientation < 2 || orientation > 8) {
            return img;
        }
        int w = img.width();
        int h = img.height();
        boolean swap = orientation >= 5;
        int ow = swap ? h : w;
        int oh = swap ? w : h;
        byte[] src = img.rgb();
        byte[] out = new byte[src.length];
        for (int oy = 0; oy < oh; oy++) {
            int o = oy * ow * 3;
            for (int ox = 0; ox < ow; ox++, o += 3) {
                int sx;
                int sy;
                switch (orientation) {
                    case 2 -> { sx = w - 1 - ox; sy = oy; }
                    case 3 -> { sx = w - 1 - ox; sy = h - 1 - oy; }
                    case 4 -> { sx = ox; sy = h - 1 - oy; }
                    case 5 -> { sx = oy; sy = ox; }
                    case 6 -> { sx = oy; sy = h - 1 - ox; }
                    case 7 -> { sx = w - 1 - oy; sy = h - 1 - ox; }
                    default -> { sx = w - 1 - oy; sy = ox; } // 8
                }
                int s = (sy * w + sx) * 3;
                out[o] = src[s];
                out[o + 1] = src[s + 1];
                out[o + 2] = src[s + 2];
            }
        }
        return new RgbImage(ow, oh, out);
    }
}
