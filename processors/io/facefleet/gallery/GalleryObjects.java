package io.facefleet.gallery;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The shared objects the gallery keeps on the aws profile (keys may hold '/', unlike the
 * images' {@code BlobStore}): the change logs, snapshots and the catalogue. Only
 * {@link #putIfAbsent} orders writers; everything else is a plain read or write.
 */
public interface GalleryObjects {

    /** The object's bytes, or empty when there is none (a 404 is an answer, not an error). */
    Optional<byte[]> get(String key) throws IOException;

    /** Writes the object only if the key is free (If-None-Match: *); false when another writer holds it. */
    boolean putIfAbsent(String key, byte[] bytes) throws IOException;

    /** Writes (or overwrites) the object. */
    void put(String key, byte[] bytes) throws IOException;

    /** Uploads a file as the object. */
    void putFile(String key, Path file) throws IOException;

    /** Downloads the object into a file; false when there is none. */
    boolean getFile(String key, Path file) throws IOException;

    /** Deletes these objects (missing ones are fine). */
    void delete(List<String> keys) throws IOException;

    /** Every key under a prefix: only for deleting a whole collection, never on the read or write path. */
    List<String> list(String prefix) throws IOException;

    /** The keys directly under the root (none with a '/'): only for the one import of the earlier releases' objects. */
    List<String> listTopLevel() throws IOException;
}
