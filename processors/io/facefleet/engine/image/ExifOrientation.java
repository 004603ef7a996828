package io.facefleet.engine.image;

import com.twelvemonkeys.imageio.metadata.CompoundDirectory;
import com.twelvemonkeys.imageio.metadata.Directory;
import com.twelvemonkeys.imageio.metadata.Entry;
import com.twelvemonkeys.imageio.metadata.tiff.TIFF;
import com.twelvemonkeys.imageio.metadata.tiff.TIFFEntry;
import com.twelvemonkeys.imageio.metadata.tiff.TIFFReader;
import com.twelvemonkeys.imageio.stream.ByteArrayImageInputStream;
import java.io.IOException;

/**
 * Reads the Orientation tag (0x0112) of IFD0 from a JPEG's APP1 Exif segment, through
 * TwelveMonkeys' TIFF metadata reader. Photos from phones are stored sideways with this tag
 * saying how to turn them; browsers honour it, so a face service must too. A damaged Exif block
 * (one the reader cannot read), or a tag that is not one SHORT or LONG value of 1..8, is ignored
 * (orientation 1), as browsers do: it says nothing about whether the pixels are usable.
 */
final class ExifOrientation {

    static final int AS_STORED = 1;

    private static final int PREAMBLE = 6;

    private ExifOrientation() {
    }

    /** True when the APP1 body at {@code off} starts with the Exif identifier "Exif\0\0". */
    static boolean isExif(byte[] b, int off, int len) {
        return len >= PREAMBLE && b[off] == 'E' && b[off + 1] == 'x' && b[off + 2] == 'i' && b[off + 3] == 'f'
                && b[off + 4] == 0 && b[off + 5] == 0;
    }

    /** Orientation 1..8 from an APP1 Exif body (as {@link #isExif} accepted), else 1. */
    static int read(byte[] app1Body) {
        Entry tag;
        try {
            Directory ifds = new TIFFReader().read(
                    new ByteArrayImageInputStream(app1Body, PREAMBLE, app1Body.length - PREAMBLE));
            Directory ifd0 = ifds instanceof CompoundDirectory all ? all.getDirectory(0) : ifds;
            tag = ifd0.getEntryById(TIFF.TAG_ORIENTATION);
        } catch (IOException | RuntimeException damaged) {
            return AS_STORED;
        }
        if (tag instanceof TIFFEntry entry && entry.valueCount() == 1
                && (entry.getType() == TIFF.TYPE_SHORT || entry.getType() == TIFF.TYPE_LONG)
                && entry.getValue() instanceof Number value && value.longValue() >= 1 && value.longValue() <= 8) {
            return value.intValue();
        }
        return AS_STORED;
    }
}
