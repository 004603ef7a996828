package io.facefleet.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The seed's ten labelled 64x64 face crops (cse546/face_images_100/test_00..09 with the labels of
 * its ground-truth CSV; the faces in them are 20-25 px wide) and {@link #variant}: image {@code i}
 * of a fresh test set, a {@link PhotoVariants} variant of crop {@code i mod 10} drawn from a fixed
 * seed. Skips the calling test where the shared datasets are absent.
 */
public final class SeedImages {

    /** The fixed seed of the variant set: variant {@code i} is drawn from {@code SEED + i}. */
    public static final long SEED = 20261201L;

    /** One labelled crop. */
    public record Labelled(String stem, String label, byte[] bytes) {
    }

    private SeedImages() {
    }

    /** The ten labelled crops, in file order. */
    public static List<Labelled> ten() {
        Path dir = TestData.dataset("cse546/face_images_100");
        Path csv = TestData.dataset("cse546/Classification Results on Face Dataset (100 images).csv");
        try {
            List<String> rows = Files.readAllLines(csv);
            List<Labelled> out = new ArrayList<>();
            for (String row : rows.subList(1, 11)) {
                String[] cols = row.split(",");
                out.add(new Labelled(cols[0].trim(), cols[1].trim(), Files.readAllBytes(dir.resolve(cols[0].trim() + ".jpg"))));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What variant {@code i} does to its crop. */
    public static PhotoVariants.Change change(int i) {
        return PhotoVariants.change(SEED + i);
    }

    /** Variant {@code i}: crop {@code i mod 10}, shifted, brightened or darkened and re-encoded. */
    public static byte[] variant(List<Labelled> ten, int i) {
        return PhotoVariants.variant(ten.get(i % ten.size()).bytes(), SEED + i);
    }
}
