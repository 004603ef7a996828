package io.facefleet.bench;

import io.facefleet.testing.DemoFaces;
import io.facefleet.testing.PhotoVariants;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes distinct photo requests for the load driver (tools/bench/photo-rate.sh): variants
 * {@code from .. from+count-1} of the six 1920 px demo photos ({@link PhotoVariants#variant}:
 * shifted, brightened or darkened, re-encoded), photo {@code i % 6 + 1} for variant {@code i},
 * as {@code p<index>.jpg}. Needs only the build (no datasets).
 * Usage: PhotoVariantFiles DIR COUNT [FROM]
 */
public final class PhotoVariantFiles {

    private PhotoVariantFiles() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createDirectories(Path.of(args[0]));
        int count = Integer.parseInt(args[1]);
        int from = args.length > 2 ? Integer.parseInt(args[2]) : 0;
        byte[][] photos = new byte[6][];
        for (int n = 1; n <= 6; n++) {
            photos[n - 1] = Files.readAllBytes(DemoFaces.photo(n));
        }
        for (int i = from; i < from + count; i++) {
            Files.write(dir.resolve(String.format(Locale.ROOT, "p%06d.jpg", i)), PhotoVariants.variant(photos[i % 6], i));
        }
    }
}
