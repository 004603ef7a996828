package io.facefleet.storage;

import java.util.Optional;

/**
 * Where images and results live, by key: local disk in the embedded profile, S3 buckets on AWS.
 * Keys are produced by {@link StorageKeys} and are safe as file names.
 */
public interface BlobStore {

    /** The storage areas, named as the seed names its buckets. */
    enum Area { INPUT, OUTPUT, RESULTS }

    void put(Area area, String key, byte[] bytes);

    Optional<byte[]> get(Area area, String key);

    void delete(Area area, String key);
}
