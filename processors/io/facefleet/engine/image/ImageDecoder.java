package io.facefleet.engine.image;

import io.facefleet.engine.image.ImageRejectedException.Reason;
import java.awt.image.BufferedImage;
import java.util.Objects;
import javax.imageio.ImageIO;

/**
 * Turns uploaded bytes into an upright 8-bit RGB image, or refuses them with an
 * {@link ImageRejectedException} saying why. The first line of defence of a service on the open
 * network, so every step is bounded before it runs:
 * <ol>
 * <li>the byte count against {@link ImageLimits#maxBytes()};</li>
 * <li>the format from the magic bytes (JPEG, PNG, BMP, GIF, WebP, TIFF), never from a file name;</li>
 * <li>the header, parsed here rather than by the decoder: width and height against the pixel
 * limits before a single pixel buffer exists (a 60-byte PNG declaring 100000 x 100000 costs
 * nothing), the whole file structure for truncation (a JPEG without its EOI, a PNG without
 * its IEND, a WebP or TIFF whose image data lies past the file's end), and the EXIF orientation (the Exif segment read by TwelveMonkeys' TIFF metadata
 * reader, see {@link ExifOrientation});</li>
 * <li>the JDK's ImageIO readers (TwelveMonkeys' for WebP and TIFF), picked by name (see {@link ImageReaders}), reading the upload in
 * place with ImageIO's disk cache off; anything they throw on damaged data becomes
 * {@link Reason#CORRUPT};</li>
 * <li>the raster to RGB (see {@link RasterToRgb}), then the EXIF orientation.</li>
 * </ol>
 * Steps 4 and 5 run within a {@link DecodeBudget} of pixels decoded at once, so that many large
 * uploads arriving together queue rather than exhaust the heap.
 * For baseline and progressive JPEG and for 8-bit colour PNG the pixels are exactly those of the
 * JDK's ImageIO readers. Thread-safe: one decoder serves all requests.
 *
 * <p>Errors are not swallowed: an {@link OutOfMemoryError} (a heap too small for the configured
 * limits and concurrency) propagates, as it is the server's problem and not the client's.
 */
public final class ImageDecoder {

    static {
        // a cache file per decode is slow and, on a read-only or full disk, a failure
        ImageIO.setUseCache(false);
    }

    private final ImageLimits limits;
    private final DecodeBudget budget;

    /**
     * @param budget pixels being decoded at once, shared with whatever else holds the same
     *               budget (see {@link DecodeBudget})
     */
    public ImageDecoder(ImageLimits limits, DecodeBudget budget) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.budget = Objects.requireNonNull(budget, "budget");
    }

    /** A decoder sharing {@link DecodeBudget#shared()}. */
    public ImageDecoder(ImageLimits limits) {
        this(limits, DecodeBudget.shared());
    }

    /** A decoder with {@link ImageLimits#defaults()} and {@link DecodeBudget#shared()}. */
    public ImageDecoder() {
        this(ImageLimits.defaults());
    }

    public ImageLimits limits() {
        return limits;
    }

    public DecodeBudget budget() {
        return budget;
    }

    /**
     * Decodes a JPEG, PNG, BMP, GIF (first frame), still WebP or TIFF (first page) to upright 8-bit RGB.
     *
     * @throws ImageRejectedException for anything that is not a whole, supported image within
     *                                the limits
     */
    public RgbImage decode(byte[] bytes) {
        ImageStructure structure = inspect(bytes);
        ImageFormat format = structure.format();
        try (DecodeBudget.Lease lease = budget.take((long) structure.width() * structure.height())) {
            BufferedImage image = ImageReaders.read(structure);
            RgbImage rgb;
            try {
                rgb = RasterToRgb.convert(image);
            } catch (RuntimeException e) {
                // a colour model built from the file (an ICC profile) can fail to convert
                throw new ImageRejectedException(Reason.CORRUPT, "The " + format.displayName()
                        + " file's colours cannot be converted to RGB (" + e.getMessage() + ").", e);
            }
            return Orientation.apply(rgb, structure.orientation());
        }
    }

    /**
     * Checks an upload without decoding its pixels: size, format by magic bytes, header, pixel
     * count, structure. The web tier calls this before storing anything.
     *
     * @throws ImageRejectedException as {@link #decode} would for the same bytes' header
     */
    public ImageFormat check(byte[] bytes) {
        return inspect(bytes).format();
    }

    /**
     * Width and height of the image as shown (after its EXIF orientation), from the header only:
     * what face boxes are relative to.
     */
    public int[] uprightSize(byte[] bytes) {
        ImageStructure s = inspect(bytes);
        return s.orientation() >= 5 && s.orientation() <= 8 ? new int[] {s.height(), s.width()} : new int[] {s.width(), s.height()};
    }

    private ImageStructure inspect(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new ImageRejectedException(Reason.EMPTY, "The upload is empty: no image was sent.");
        }
        limits.checkBytes(bytes.length);
        return parse(FormatSniffer.sniff(bytes), bytes);
    }

    private ImageStructure parse(ImageFormat format, byte[] bytes) {
        try {
            return switch (format) {
                case JPEG -> JpegStructure.parse(bytes, limits);
                case PNG -> PngStructure.parse(bytes, limits);
                case BMP -> BmpStructure.parse(bytes, limits);
                case GIF -> GifStructure.parse(bytes, limits);
                case WEBP -> WebpStructure.parse(bytes, limits);
                case TIFF -> TiffStructure.parse(bytes, limits);
            };
        } catch (IndexOutOfBoundsException e) {
            // the parsers check every length first; this is the net under a missed one
            throw new ImageRejectedException(Reason.CORRUPT, "The " + format.displayName() + " header is damaged.", e);
        }
    }
}
