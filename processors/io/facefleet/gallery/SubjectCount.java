package io.facefleet.gallery;

/** A subject of a collection and how many faces it has. */
public record SubjectCount(String name, long faces) {
}
