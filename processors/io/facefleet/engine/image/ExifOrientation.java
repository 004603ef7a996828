package io.facefleet.engine.image;

import com.drew.imaging.jpeg.JpegSegmentType;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifDirectoryBase;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.ExifReader;
import java.util.List;

/**
 * Reads the Orientation tag (0x0112) of IFD0 from a JPEG's APP1 Exif segment, through
 * metadata-extractor's Exif reader. Photos from phones are stored sideways with this tag saying
 * how to turn them; browsers honour it, so a face service must too. A damaged Exif header or
 * IFD0 (one the reader reports an error in), or a tag that is not one SHORT or LONG value of
 * 1..8, is ignored (orientation 1), as browsers do: it says nothing about whether the pixels are
 * usable.
 */
final class ExifOrientation {

    static final int AS_STORED = 1;

    private ExifOrientation() {
    }

    /** True when the APP1 body at {@code off} starts with the Exif identifier "Exif\0\0". */
    static boolean isExif(byte[] b, int off, int len) {
        return len >= 6 && b[off] == 'E' && b[off + 1] == 'x' && b[off + 2] == 'i' && b[off + 3] == 'f'
                && b[off + 4] == 0 && b[off + 5] == 0;
    }

    /** Orientation 1..8 from an APP1 Exif body (as {@link #isExif} accepted), else 1. */
    static int read(byte[] app1Body) {
        Metadata metadata = new Metadata();
        try {
            // the reader records damage as directory errors; a runtime exception is damage too
            new ExifReader().readJpegSegments(List.of(app1Body), metadata, JpegSegmentType.APP1);
        } catch (RuntimeException e) {
            return AS_STORED;
        }
        ExifIFD0Directory ifd0 = metadata.getFirstDirectoryOfType(ExifIFD0Directory.class);
        if (ifd0 == null || ifd0.hasErrors()) {
            // damage the reader worked around (an IFD0 offset past the segment makes it guess one)
            return AS_STORED;
        }
        // one SHORT value is an Integer, one LONG a Long; arrays, strings and the rest are not an orientation
        Object value = ifd0.getObject(ExifDirectoryBase.TAG_ORIENTATION);
        if (value instanceof Integer || value instanceof Long) {
            long orientation = ((Number) value).longValue();
            if (orientation >= 1 && orientation <= 8) {
                return (int) orientation;
            }
        }
        return AS_STORED;
    }
}
