package io.facefleet.testing;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * New images of a photo that a person would call the same photo: shifted by up to
 * {@link #MAX_SHIFT} px (the edge pixels fill what the shift uncovers, as a slightly moved crop of
 * the same scene would), brightened or darkened by up to {@link #MAX_GAIN} and re-encoded as JPEG
 * at a quality drawn from {@link #MIN_QUALITY}-{@link #MAX_QUALITY} (what cameras, phones and web
 * pages use). Everything is drawn from the seed, so a seed always gives the same bytes.
 */
public final class PhotoVariants {

    /** Largest shift in pixels, along each axis. */
    public static final int MAX_SHIFT = 2;
    /** Largest brightness change, as a fraction (0.05: from 95 % to 105 %). */
    public static final float MAX_GAIN = 0.05f;
    /** JPEG quality range of the re-encode. */
    public static final float MIN_QUALITY = 0.70f;
    public static final float MAX_QUALITY = 0.95f;

    private PhotoVariants() {
    }

    /** What one variant does: shift (px), brightness factor and JPEG quality. */
    public record Change(int dx, int dy, float gain, float quality) {
    }

    /** The change a seed draws (what {@link #variant} applies). */
    public static Change change(long seed) {
        Random r = new Random(seed);
        int dx = r.nextInt(2 * MAX_SHIFT + 1) - MAX_SHIFT;
        int dy = r.nextInt(2 * MAX_SHIFT + 1) - MAX_SHIFT;
        float gain = 1f - MAX_GAIN + r.nextFloat() * 2 * MAX_GAIN;
        float quality = MIN_QUALITY + r.nextFloat() * (MAX_QUALITY - MIN_QUALITY);
        return new Change(dx, dy, gain, quality);
    }

    /** One variant of {@code photo} (any format ImageIO reads), drawn from {@code seed}; JPEG bytes. */
    public static byte[] variant(byte[] photo, long seed) {
        return apply(photo, change(seed));
    }

    /** {@code photo} with {@code c} applied; JPEG bytes. */
    public static byte[] apply(byte[] photo, Change c) {
        return DemoFaces.jpeg(shiftAndScale(read(photo), c.dx(), c.dy(), c.gain()), c.quality());
    }

    /** {@code img} as JPEG at {@code quality} (0-1). */
    public static byte[] jpeg(BufferedImage img, float quality) {
        return DemoFaces.jpeg(img, quality);
    }

    /** The photo moved by (dx, dy) with every channel times {@code gain}, clamped to 0-255. */
    static BufferedImage shiftAndScale(BufferedImage src, int dx, int dy, float gain) {
        int w = src.getWidth();
        int h = src.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            int sy = Math.min(h - 1, Math.max(0, y - dy));
            for (int x = 0; x < w; x++) {
                int sx = Math.min(w - 1, Math.max(0, x - dx));
                int p = src.getRGB(sx, sy);
                int red = Math.min(255, Math.round(((p >> 16) & 255) * gain));
                int green = Math.min(255, Math.round(((p >> 8) & 255) * gain));
                int blue = Math.min(255, Math.round((p & 255) * gain));
                out.setRGB(x, y, (red << 16) | (green << 8) | blue);
            }
        }
        return out;
    }

    private static BufferedImage read(byte[] photo) {
        try {
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(photo));
            if (img == null) {
                throw new IllegalArgumentException("not an image ImageIO reads");
            }
            return img;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
