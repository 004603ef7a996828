package io.facefleet.engine.image;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBufferByte;
import java.awt.image.IndexColorModel;
import java.awt.image.SampleModel;
import java.awt.image.WritableRaster;

/**
 * Turns a decoded BufferedImage into 8-bit RGB, alpha dropped (not composited).
 *
 * <ul>
 * <li>8-bit sRGB colour: the samples as decoded (what {@code getRGB} returns too).</li>
 * <li>Grey: the grey sample in all three channels. Deliberately not {@code getRGB}, which treats
 * the JDK's grey colour space as linear and brightens every grey image (128 becomes 188);
 * browsers and the face-api.js decoders replicate the stored value.</li>
 * <li>16-bit samples: rounded to 8 bits, {@code round(v / 257)}, as {@code getRGB} does.</li>
 * <li>Palette: the palette's colour.</li>
 * <li>Anything else (packed BMP pixels, CMYK converted by the colour model...): {@code getRGB}.</li>
 * </ul>
 * The common cases read the raster's bytes directly rather than pixel by pixel.
 */
final class RasterToRgb {

    private static final int[] RGB_BANDS = {0, 1, 2};
    private static final int[] GREY_BANDS = {0, 0, 0};

    private RasterToRgb() {
    }

    static RgbImage convert(BufferedImage image) {
        ColorModel cm = image.getColorModel();
        WritableRaster raster = image.getRaster();
        if (cm instanceof IndexColorModel palette) {
            return fromPalette(raster, palette);
        }
        if (cm instanceof ComponentColorModel && !cm.isAlphaPremultiplied()) {
            ColorSpace cs = cm.getColorSpace();
            if (cs.getType() == ColorSpace.TYPE_GRAY && cm.getNumColorComponents() == 1) {
                return fromComponents(raster, cm, GREY_BANDS);
            }
            if (cs.isCS_sRGB() && cm.getNumColorComponents() == 3) {
                return fromComponents(raster, cm, RGB_BANDS);
            }
        }
        return viaGetRgb(image);
    }

    private static RgbImage fromComponents(WritableRaster raster, ColorModel cm, int[] bands) {
        int w = raster.getWidth();
        int h = raster.getHeight();
        boolean allEightBit = true;
        for (int band : bands) {
            allEightBit &= cm.getComponentSize(band) == 8;
        }
        SampleModel sm = raster.getSampleModel();
        if (allEightBit && raster.getDataBuffer() instanceof DataBufferByte buffer && buffer.getNumBanks() == 1
                && sm instanceof ComponentSampleModel csm && raster.getSampleModelTranslateX() == 0
                && raster.getSampleModelTranslateY() == 0) {
            if (isPackedRgb(buffer, csm, bands, w, h)) {
                // already RGB, row after row with nothing between (ImageReaders asks the JPEG reader for this)
                return new RgbImage(w, h, buffer.getData());
            }
            byte[] out = new byte[w * h * 3];
            copyBytes(buffer, csm, bands, w, h, out);
            return new RgbImage(w, h, out);
        }
        byte[] out = new byte[w * h * 3];
        int[] row = new int[w];
        for (int c = 0; c < 3; c++) {
            int bits = cm.getComponentSize(bands[c]);
            for (int y = 0; y < h; y++) {
                raster.getSamples(0, y, w, 1, bands[c], row);
                int o = y * w * 3 + c;
                for (int x = 0; x < w; x++, o += 3) {
                    out[o] = (byte) to8Bits(row[x], bits);
                }
            }
        }
        return new RgbImage(w, h, out);
    }

    /** The buffer's bytes are exactly the RGB image: R, G, B per pixel, no offset, padding or alpha. */
    private static boolean isPackedRgb(DataBufferByte buffer, ComponentSampleModel sm, int[] bands, int w, int h) {
        int[] offsets = sm.getBandOffsets();
        return bands == RGB_BANDS && sm.getNumBands() == 3 && buffer.getOffset() == 0 && sm.getPixelStride() == 3
                && sm.getScanlineStride() == w * 3 && offsets[0] == 0 && offsets[1] == 1 && offsets[2] == 2
                && buffer.getData().length == w * h * 3;
    }

    private static void copyBytes(DataBufferByte buffer, ComponentSampleModel sm, int[] bands, int w, int h, byte[] out) {
        byte[] data = buffer.getData();
        int pixelStride = sm.getPixelStride();
        int scanlineStride = sm.getScanlineStride();
        int[] offsets = sm.getBandOffsets();
        int r = offsets[bands[0]];
        int g = offsets[bands[1]];
        int b = offsets[bands[2]];
        int o = 0;
        for (int y = 0; y < h; y++) {
            int p = buffer.getOffset() + y * scanlineStride;
            for (int x = 0; x < w; x++, p += pixelStride, o += 3) {
                out[o] = data[p + r];
                out[o + 1] = data[p + g];
                out[o + 2] = data[p + b];
            }
        }
    }

    /** Scales a sample of {@code bits} bits to 8 bits with rounding; 16 bits: round(v / 257). */
    static int to8Bits(int v, int bits) {
        if (bits == 8) {
            return v;
        }
        int max = (1 << bits) - 1;
        return (int) ((v * 255L + max / 2) / max);
    }

    private static RgbImage fromPalette(WritableRaster raster, IndexColorModel palette) {
        int size = palette.getMapSize();
        byte[] reds = new byte[size];
        byte[] greens = new byte[size];
        byte[] blues = new byte[size];
        palette.getReds(reds);
        palette.getGreens(greens);
        palette.getBlues(blues);
        int w = raster.getWidth();
        int h = raster.getHeight();
        byte[] out = new byte[w * h * 3];
        int[] row = new int[w];
        int o = 0;
        for (int y = 0; y < h; y++) {
            raster.getSamples(0, y, w, 1, 0, row);
            for (int x = 0; x < w; x++, o += 3) {
                int i = row[x];
                if (i < size) { // an index past the palette stays black, as getRGB gives
                    out[o] = reds[i];
                    out[o + 1] = greens[i];
                    out[o + 2] = blues[i];
                }
            }
        }
        return new RgbImage(w, h, out);
    }

    private static RgbImage viaGetRgb(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        byte[] out = new byte[w * h * 3];
        int[] row = new int[w];
        int o = 0;
        for (int y = 0; y < h; y++) {
            image.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++, o += 3) {
                int argb = row[x];
                out[o] = (byte) (argb >> 16);
                out[o + 1] = (byte) (argb >> 8);
                out[o + 2] = (byte) argb;
            }
        }
        return new RgbImage(w, h, out);
    }
}
