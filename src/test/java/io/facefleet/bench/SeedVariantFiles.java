package io.facefleet.bench;

import io.facefleet.testing.SeedImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes distinct seed-sized requests for the load driver (tools/bench/small-images.sh): variants
 * {@code from .. from+count-1} of the seed's ten labelled crops ({@link SeedImages#variant}) as
 * {@code v<index>.jpg}, and {@code labels.csv} in the seed's ground-truth form ({@code Image,Results}).
 * Usage: SeedVariantFiles DIR COUNT [FROM]
 */
public final class SeedVariantFiles {

    private SeedVariantFiles() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createDirectories(Path.of(args[0]));
        int count = Integer.parseInt(args[1]);
        int from = args.length > 2 ? Integer.parseInt(args[2]) : 0;
        List<SeedImages.Labelled> ten = SeedImages.ten();
        List<String> csv = new ArrayList<>(List.of("Image,Results"));
        for (int i = from; i < from + count; i++) {
            String stem = String.format(Locale.ROOT, "v%06d", i);
            Files.write(dir.resolve(stem + ".jpg"), SeedImages.variant(ten, i));
            csv.add(stem + "," + ten.get(i % ten.size()).label());
        }
        Files.write(dir.resolve("labels.csv"), csv);
    }
}
