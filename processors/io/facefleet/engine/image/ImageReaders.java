package io.facefleet.engine.image;

import com.twelvemonkeys.imageio.stream.ByteArrayImageInputStream;
import io.facefleet.engine.image.ImageRejectedException.Reason;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.io.IOException;
import java.util.Iterator;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.spi.IIORegistry;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.stream.ImageInputStream;

/**
 * Runs the right ImageIO reader on a checked upload. The JDK's own readers come first and are
 * picked by name, not by ImageIO's preference order, so that the pixels are exactly the JDK's
 * even though TwelveMonkeys' JPEG reader, once on the class path, registers itself ahead of
 * the JDK's. TwelveMonkeys reads only what the JDK's JPEG reader does badly or not at all:
 * four-component (CMYK, YCCK) JPEG, which the JDK returns in a bare CMYK colour space whose RGB is
 * a naive formula while TwelveMonkeys converts through the file's embedded CMYK profile (print
 * workflows always embed one), and JPEGs the JDK refuses outright, such as one whose colour
 * profile does not match its number of components. WebP and TIFF have no JDK reader worth
 * using (the JDK's TIFF reader exists but TwelveMonkeys' reads more of the variants in use), so
 * TwelveMonkeys' readers decode them.
 */
final class ImageReaders {

    private static final String JDK_JPEG = "com.sun.imageio.plugins.jpeg.JPEGImageReaderSpi";
    private static final String JDK_PNG = "com.sun.imageio.plugins.png.PNGImageReaderSpi";
    private static final String JDK_BMP = "com.sun.imageio.plugins.bmp.BMPImageReaderSpi";
    private static final String JDK_GIF = "com.sun.imageio.plugins.gif.GIFImageReaderSpi";
    private static final String WEBP = "com.twelvemonkeys.imageio.plugins.webp.WebPImageReaderSpi";
    private static final String TIFF = "com.twelvemonkeys.imageio.plugins.tiff.TIFFImageReaderSpi";
    private static final String CMYK_JPEG = "com.twelvemonkeys.imageio.plugins.jpeg.JPEGImageReaderSpi";

    private ImageReaders() {
    }

    static BufferedImage read(ImageStructure s) {
        return switch (s.format()) {
            case JPEG -> readJpeg(s);
            case PNG -> read(provider(JDK_PNG), s);
            case BMP -> read(provider(JDK_BMP), s);
            case GIF -> read(provider(JDK_GIF), s);
            case WEBP -> read(provider(WEBP), s);
            case TIFF -> read(provider(TIFF), s);
        };
    }

    private static BufferedImage readJpeg(ImageStructure s) {
        if (s.cmyk()) {
            return read(provider(CMYK_JPEG), s);
        }
        try {
            return read(provider(JDK_JPEG), s);
        } catch (ImageRejectedException jdkRefused) {
            if (jdkRefused.reason() != Reason.CORRUPT) {
                throw jdkRefused;
            }
            try {
                return read(provider(CMYK_JPEG), s);
            } catch (ImageRejectedException alsoRefused) {
                throw jdkRefused;
            }
        }
    }

    private static BufferedImage read(ImageReaderSpi spi, ImageStructure s) {
        ImageReader reader = null;
        AtomicBoolean cutShort = new AtomicBoolean();
        String name = s.format().displayName();
        // TwelveMonkeys' stream reads the array in place: no copy, no cache file, no cache in memory
        try (ImageInputStream in = new ByteArrayImageInputStream(s.readerInput())) {
            reader = spi.createReaderInstance();
            // libjpeg reports missing data only as a warning ("Truncated File - Missing EOI
            // marker", "premature end of data segment"), then pads the image with grey
            reader.addIIOReadWarningListener((r, warning) -> {
                String w = warning == null ? "" : warning.toLowerCase(Locale.ROOT);
                if (w.contains("truncated") || w.contains("premature end")) {
                    cutShort.set(true);
                }
            });
            reader.setInput(in, true, true);
            int width = reader.getWidth(0);
            int height = reader.getHeight(0);
            if (width != s.width() || height != s.height()) {
                throw new ImageRejectedException(Reason.CORRUPT, "The " + name + " file is damaged: its header says "
                        + s.width() + " x " + s.height() + " but its image is " + width + " x " + height + ".");
            }
            BufferedImage image;
            try {
                image = reader.read(0, param(reader, spi, width, height));
            } catch (IOException | RuntimeException e) {
                if (cutShort.get()) {
                    throw cutShort(name, e); // the failure followed from the missing data
                }
                throw e;
            }
            if (cutShort.get()) {
                throw cutShort(name, null);
            }
            if (image.getWidth() != s.width() || image.getHeight() != s.height()) {
                throw new ImageRejectedException(Reason.CORRUPT, "The " + name + " file is damaged: it decoded to "
                        + image.getWidth() + " x " + image.getHeight() + " instead of " + s.width() + " x " + s.height() + ".");
            }
            return image;
        } catch (ImageRejectedException e) {
            throw e;
        } catch (IOException | RuntimeException | StackOverflowError e) {
            // IIOException and the runtime exceptions the readers throw on malformed data
            // (array bounds, CMMException, IllegalArgumentException...) all mean damaged data
            throw new ImageRejectedException(Reason.CORRUPT, "The " + name
                    + " file is damaged and cannot be decoded (" + describe(e) + ").", e);
        } finally {
            if (reader != null) {
                reader.dispose();
            }
        }
    }

    /**
     * The JDK's JPEG reader would fill its default, a BGR-ordered sRGB image, which then costs a
     * byte-swapping copy to RGB; where that is its default it fills an RGB-ordered sRGB image
     * instead: the same samples (the reader writes band by band, and converts an embedded colour
     * profile to the destination's sRGB alike), which {@link RasterToRgb} then takes without a copy.
     */
    private static ImageReadParam param(ImageReader reader, ImageReaderSpi spi, int width, int height)
            throws IOException {
        ImageReadParam param = reader.getDefaultReadParam();
        if (spi.getClass().getName().equals(JDK_JPEG)) {
            Iterator<ImageTypeSpecifier> types = reader.getImageTypes(0);
            if (types.hasNext() && types.next().getBufferedImageType() == BufferedImage.TYPE_3BYTE_BGR) {
                param.setDestination(RGB_ORDERED.createBufferedImage(width, height));
            }
        }
        return param;
    }

    private static final ImageTypeSpecifier RGB_ORDERED = ImageTypeSpecifier.createInterleaved(
            ColorSpace.getInstance(ColorSpace.CS_sRGB), new int[] {0, 1, 2}, DataBuffer.TYPE_BYTE, false, false);

    private static ImageRejectedException cutShort(String name, Throwable cause) {
        return new ImageRejectedException(Reason.TRUNCATED,
                "The " + name + " file is cut short: its image data ends early.", cause);
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    private static ImageReaderSpi provider(String className) {
        Iterator<ImageReaderSpi> all = IIORegistry.getDefaultInstance().getServiceProviders(ImageReaderSpi.class, false);
        while (all.hasNext()) {
            ImageReaderSpi spi = all.next();
            if (spi.getClass().getName().equals(className)) {
                return spi;
            }
        }
        throw new IllegalStateException("ImageIO reader " + className + " is not registered");
    }
}
