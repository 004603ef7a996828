package io.facefleet.gallery;

/** A search result: a face and its euclidean distance from the query. */
public record Hit(String faceId, String subject, float distance) {
}
