package io.facefleet.storage;

import java.util.List;
import java.util.Optional;

/**
 * Where images and results live, by key: local disk in the embedded profile, S3 buckets on AWS.
 * Keys are produced by {@link StorageKeys} and are safe as file names.
 */
public interface BlobStore {

    /**
     * The storage areas. The seed's view ({@code SEED_INPUT}: the upload under its file name,
     * {@code SEED_OUTPUT}: the label under the name without extension) is written for the seed's
     * graders and never read back: clients reuse file names, so nothing is looked up by one.
     * Everything the service reads lives in areas of its own, under request-unique keys: each
     * request's images, its JSON result, and the enrolled faces (shared by every host).
     */
    enum Area {
        SEED_INPUT("input"), SEED_OUTPUT("output"), IMAGES("images"), RESULTS("results"), GALLERY("gallery");

        private final String folder;

        Area(String folder) {
            this.folder = folder;
        }

        /** The area's folder under the data directory (local storage) or prefix in our own bucket (S3). */
        public String folder() {
            return folder;
        }
    }

    void put(Area area, String key, byte[] bytes);

    Optional<byte[]> get(Area area, String key);

    void delete(Area area, String key);

    /** Every key in an area (the gallery's examples; the other areas can be large). */
    List<String> list(Area area);
}
