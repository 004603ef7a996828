package io.facefleet.storage;

import java.util.List;
import java.util.Optional;

/**
 * Where images and results live, by key: local disk in the embedded profile, S3 buckets on AWS.
 * Keys are produced by {@link StorageKeys} and are safe as file names.
 */
public interface BlobStore {

    /**
     * The storage areas: the seed's input and output buckets, the full JSON results, and the
     * enrolled faces (shared by every host, so a face enrolled on one worker is known to all).
     */
    enum Area { INPUT, OUTPUT, RESULTS, GALLERY }

    void put(Area area, String key, byte[] bytes);

    Optional<byte[]> get(Area area, String key);

    void delete(Area area, String key);

    /** Every key in an area (the gallery's examples; the other areas can be large). */
    List<String> list(Area area);
}
