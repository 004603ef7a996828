package io.facefleet.testing;

import io.facefleet.engine.Detection;
import io.facefleet.engine.image.RgbImage;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/** Seed-sized images from a photo's faces: each face cut out and scaled to 64x64, as the seed's crops are. */
public final class SeedSizedFaces {

    public static final int SEED_SIDE = 64;

    private SeedSizedFaces() {
    }

    /** The square of twice {@code face}'s box around it in {@code photo}, scaled to 64x64: a face about 30 px high. */
    public static RgbImage of(RgbImage photo, Detection face) {
        double half = Math.max(face.width(), face.height());
        double cx = face.x() + face.width() / 2;
        double cy = face.y() + face.height() / 2;
        BufferedImage src = toBuffered(photo);
        BufferedImage out = new BufferedImage(SEED_SIDE, SEED_SIDE, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        double scale = SEED_SIDE / (2 * half);
        g.scale(scale, scale);
        g.translate(-(cx - half), -(cy - half));
        g.drawImage(src, 0, 0, null);
        g.dispose();
        byte[] rgb = new byte[SEED_SIDE * SEED_SIDE * 3];
        for (int y = 0; y < SEED_SIDE; y++) {
            for (int x = 0; x < SEED_SIDE; x++) {
                int p = out.getRGB(x, y);
                int o = (y * SEED_SIDE + x) * 3;
                rgb[o] = (byte) (p >> 16);
                rgb[o + 1] = (byte) (p >> 8);
                rgb[o + 2] = (byte) p;
            }
        }
        return new RgbImage(SEED_SIDE, SEED_SIDE, rgb);
    }

    private static BufferedImage toBuffered(RgbImage img) {
        BufferedImage b = new BufferedImage(img.width(), img.height(), BufferedImage.TYPE_INT_RGB);
        byte[] rgb = img.rgb();
        for (int y = 0; y < img.height(); y++) {
            for (int x = 0; x < img.width(); x++) {
                int o = (y * img.width() + x) * 3;
                b.setRGB(x, y, ((rgb[o] & 255) << 16) | ((rgb[o + 1] & 255) << 8) | (rgb[o + 2] & 255));
            }
        }
        return b;
    }
}
