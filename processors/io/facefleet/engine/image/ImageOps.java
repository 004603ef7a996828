package io.facefleet.engine.image;

/**
 * The pixel operations of face-api.js's tensor path, reproduced exactly (see the nets digest,
 * section 0): pad to square, crop, and tfjs's legacy bilinear resize.
 */
public final class ImageOps {

    private ImageOps() {
    }

    /**
     * Pads with black to a square. Non-centred: all padding at the bottom or right (the detector).
     * Centred: {@code round(diff/2)} after and the rest before (landmark and recognition nets),
     * with JavaScript's round-half-up.
     */
    public static RgbImage padToSquare(RgbImage img, boolean centred) {
        int w = img.width();
        int h = img.height();
        if (w == h) {
            return img;
        }
        int side = Math.max(w, h);
        int diff = side - Math.min(w, h);
        int after = centred ? (int) Math.floor(diff / 2.0 + 0.5) : diff;
        int before = diff - after;
        int offX = w < h ? before : 0;
        int offY = h < w ? before : 0;
        byte[] out = new byte[side * side * 3];
        for (int y = 0; y < h; y++) {
            System.arraycopy(img.rgb(), y * w * 3, out, ((y + offY) * side + offX) * 3, w * 3);
        }
        return new RgbImage(side, side, out);
    }

    /** Copies the rectangle at (x, y) of size w x h; the caller keeps it inside the image. */
    public static RgbImage crop(RgbImage img, int x, int y, int w, int h) {
        if (x < 0 || y < 0 || w <= 0 || h <= 0 || x + w > img.width() || y + h > img.height()) {
            throw new IllegalArgumentException("crop " + x + "," + y + " " + w + "x" + h
                    + " outside " + img.width() + "x" + img.height());
        }
        byte[] out = new byte[w * h * 3];
        for (int row = 0; row < h; row++) {
            System.arraycopy(img.rgb(), ((y + row) * img.width() + x) * 3, out, row * w * 3, w * 3);
        }
        return new RgbImage(w, h, out);
    }

    /**
     * tfjs {@code resizeBilinear(alignCorners=false, halfPixelCenters=false)} of a square image to
     * {@code size x size}, as float HWC values 0..255. Pass-through when no resize is needed.
     */
    public static float[] resizeBilinear(RgbImage img, int size) {
        return resizeBilinear(img, size, 0, 0, size);
    }

    /**
     * The {@code window x window} square at ({@code originX}, {@code originY}) of
     * {@link #resizeBilinear(RgbImage, int)}'s output, computed alone: the same values there.
     */
    public static float[] resizeBilinear(RgbImage img, int size, int originX, int originY, int window) {
        return resizeBilinear(img, size, originX, originY, window, window);
    }

    /**
     * The {@code width x height} rectangle at ({@code originX}, {@code originY}) of
     * {@link #resizeBilinear(RgbImage, int)}'s output, computed alone: the same values there.
     */
    public static float[] resizeBilinear(RgbImage img, int size, int originX, int originY, int width, int height) {
        return resize(img, img.width(), img.height(), size, originX, originY, width, height);
    }

    /**
     * {@code resizeBilinear(padToSquare(img, false), size, originX, originY, width, height)}, the
     * detector's input, without the padded copy: the square's pixels right of or below the image
     * are black, so they are read as zeros instead of being copied (a 1920x1280 photo would need an
     * 11 MB square). The same values.
     */
    public static float[] resizeBilinearPadded(RgbImage img, int size, int originX, int originY, int width, int height) {
        int side = Math.max(img.width(), img.height());
        return resize(img, side, side, size, originX, originY, width, height);
    }

    /**
     * The resize of a {@code canvasW x canvasH} canvas holding {@code img} at its top left, black
     * elsewhere (the canvas is the image itself when it has the image's size).
     */
    private static float[] resize(RgbImage img, int canvasW, int canvasH, int size, int originX, int originY,
            int width, int height) {
        int imgW = img.width();
        int imgH = img.height();
        if (originX < 0 || originY < 0 || width <= 0 || height <= 0 || originX + width > size
                || originY + height > size) {
            throw new IllegalArgumentException("window " + width + "x" + height + " at " + originX + "," + originY
                    + " outside " + size);
        }
        float[] out = new float[width * height * 3];
        if (canvasW == size && canvasH == size && imgW == size && imgH == size) {
            byte[] src = img.rgb();
            for (int r = 0; r < height; r++) {
                int from = ((originY + r) * size + originX) * 3;
                for (int i = 0; i < width * 3; i++) {
                    out[r * width * 3 + i] = src[from + i] & 0xff;
                }
            }
            return out;
        }
        double scaleY = (double) canvasH / size;
        double scaleX = (double) canvasW / size;
        // per output column: the two source columns, -1 where the canvas is black
        int[] x0 = new int[width];
        int[] x1 = new int[width];
        double[] fx = new double[width];
        for (int c = 0; c < width; c++) {
            double src = scaleX * (originX + c);
            int left = Math.max(0, (int) Math.floor(src));
            int right = Math.min(canvasW - 1, (int) Math.ceil(src));
            fx[c] = src - left;
            x0[c] = left < imgW ? left : -1;
            x1[c] = right < imgW ? right : -1;
        }
        byte[] p = img.rgb();
        for (int r = 0; r < height; r++) {
            double srcY = scaleY * (originY + r);
            int y0 = Math.max(0, (int) Math.floor(srcY));
            int y1 = Math.min(canvasH - 1, (int) Math.ceil(srcY));
            double fy = srcY - y0;
            if (y0 >= imgH) {
                continue; // both source rows black: the row stays 0
            }
            int row0 = y0 * imgW;
            int row1 = y1 < imgH ? y1 * imgW : -1;
            for (int c = 0; c < width; c++) {
                int tl = at(row0, x0[c]);
                int tr = at(row0, x1[c]);
                int bl = at(row1, x0[c]);
                int br = at(row1, x1[c]);
                int o = (r * width + c) * 3;
                for (int ch = 0; ch < 3; ch++) {
                    int vtl = tl < 0 ? 0 : p[tl + ch] & 0xff;
                    int vtr = tr < 0 ? 0 : p[tr + ch] & 0xff;
                    int vbl = bl < 0 ? 0 : p[bl + ch] & 0xff;
                    int vbr = br < 0 ? 0 : p[br + ch] & 0xff;
                    double top = vtl + (vtr - vtl) * fx[c];
                    double bottom = vbl + (vbr - vbl) * fx[c];
                    out[o + ch] = (float) (top + (bottom - top) * fy);
                }
            }
        }
        return out;
    }

    /** The byte offset of a source pixel, or -1 where its row or column is black. */
    private static int at(int rowStart, int column) {
        return rowStart < 0 || column < 0 ? -1 : (rowStart + column) * 3;
    }
}
