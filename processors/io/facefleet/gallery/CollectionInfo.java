package io.facefleet.gallery;

/**
 * What describing a collection tells.
 *
 * @param search "exact" while the collection is under facefleet.gallery.exact-below faces, else "hnsw"
 */
public record CollectionInfo(String name, long createdAtMillis, long faces, long subjects, String search) {
}
