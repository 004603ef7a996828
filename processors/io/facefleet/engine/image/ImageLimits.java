package io.facefleet.engine.image;

import io.facefleet.engine.image.ImageRejectedException.Reason;
import java.util.Locale;

/**
 * What {@link ImageDecoder} accepts: at most {@code maxBytes} of upload, at most
 * {@code maxPixels} (width x height, read from the header before anything is decoded), and at
 * least {@code minSide} pixels on each side.
 *
 * <p>Memory: one decode at the limit holds up to {@link DecodeBudget#HEAP_BYTES_PER_PIXEL} x
 * {@code maxPixels} bytes of heap (440 MB at the default); {@link DecodeBudget} bounds how many
 * run at once.
 *
 * @param maxBytes  largest upload in bytes; default 10 MiB
 * @param maxPixels largest width x height; default 40 megapixels (a 50-megapixel photo is
 *                  refused unless this is raised); at most {@link #MAX_PIXELS_CEILING}
 * @param minSide   smallest width and height; default 2, so a 1x1 image is refused
 */
public record ImageLimits(long maxBytes, long maxPixels, int minSide) {

    public static final long DEFAULT_MAX_BYTES = 10L * 1024 * 1024;
    public static final long DEFAULT_MAX_PIXELS = 40_000_000L;
    public static final int DEFAULT_MIN_SIDE = 2;
    /** The RGB result is one Java array of 3 bytes a pixel, so no limit can go past this. */
    public static final long MAX_PIXELS_CEILING = Integer.MAX_VALUE / 3;

    public ImageLimits {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive, got " + maxBytes);
        }
        if (maxPixels <= 0 || maxPixels > MAX_PIXELS_CEILING) {
            throw new IllegalArgumentException("maxPixels must be in 1.." + MAX_PIXELS_CEILING
                    + ", got " + maxPixels);
        }
        if (minSide < 1) {
            throw new IllegalArgumentException("minSide must be at least 1, got " + minSide);
        }
    }

    public static ImageLimits defaults() {
        return new ImageLimits(DEFAULT_MAX_BYTES, DEFAULT_MAX_PIXELS, DEFAULT_MIN_SIDE);
    }

    public ImageLimits withMaxBytes(long bytes) {
        return new ImageLimits(bytes, maxPixels, minSide);
    }

    public ImageLimits withMaxPixels(long pixels) {
        return new ImageLimits(maxBytes, pixels, minSide);
    }

    public ImageLimits withMinSide(int side) {
        return new ImageLimits(maxBytes, maxPixels, side);
    }

    /** Refuses an upload of {@code length} bytes over {@link #maxBytes()}. */
    void checkBytes(long length) {
        if (length > maxBytes) {
            throw new ImageRejectedException(Reason.TOO_LARGE, String.format(Locale.ROOT,
                    "The upload is %s; the limit is %s.", size(length), size(maxBytes)));
        }
    }

    /**
     * Refuses declared dimensions that are empty, too small or too many pixels. Called by the
     * header parsers as soon as the dimensions are known, before any pixel is decoded.
     */
    void checkDimensions(String format, long width, long height) {
        if (width <= 0 || height <= 0) {
            throw new ImageRejectedException(Reason.CORRUPT, String.format(Locale.ROOT,
                    "The %s header declares an empty image (%d x %d).", format, width, height));
        }
        long pixels = width * height;
        if (pixels > maxPixels) {
            throw new ImageRejectedException(Reason.TOO_MANY_PIXELS, String.format(Locale.ROOT,
                    "The %s image is %d x %d pixels (%.1f megapixels); the limit is %.1f megapixels.",
                    format, width, height, pixels / 1e6, maxPixels / 1e6));
        }
        if (width < minSide || height < minSide) {
            throw new ImageRejectedException(Reason.TOO_SMALL, String.format(Locale.ROOT,
                    "The %s image is %d x %d pixels; each side must be at least %d.",
                    format, width, height, minSide));
        }
    }

    private static String size(long bytes) {
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%d bytes", bytes);
        }
        return String.format(Locale.ROOT, "%.1f MiB (%d bytes)", bytes / (1024.0 * 1024.0), bytes);
    }
}
