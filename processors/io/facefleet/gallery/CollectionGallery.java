package io.facefleet.gallery;

import java.util.List;

/** The old gallery API on one collection of a {@link Catalog} (the default one for FaceService, the CLI and the seed path). */
final class CollectionGallery implements Gallery {

    private final Catalog catalog;
    private final Collection collection;
    private final float threshold;

    CollectionGallery(Catalog catalog, Collection collection, float threshold) {
        if (!(threshold > 0)) {
            throw new IllegalArgumentException("gallery threshold must be positive, got " + threshold);
        }
        this.catalog = catalog;
        this.collection = collection;
        this.threshold = threshold;
    }

    @Override
    public float threshold() {
        return threshold;
    }

    @Override
    public Example enroll(String subject, float[] descriptor, String source, String sha256) {
        return collection.enroll(subject, List.of(new NewFace(descriptor, source, sha256))).get(0);
    }

    @Override
    public Match match(float[] descriptor) {
        List<Hit> top = collection.search(descriptor, 1);
        if (top.isEmpty()) {
            return new Match(null, Float.POSITIVE_INFINITY);
        }
        Hit h = top.get(0);
        return new Match(h.distance() < threshold ? h.subject() : null, h.distance());
    }

    @Override
    public List<Hit> nearest(float[] descriptor, int k) {
        return collection.search(descriptor, k);
    }

    @Override
    public List<Subject> subjects() {
        return collection.all();
    }

    @Override
    public boolean delete(String subject) {
        return collection.deleteSubject(subject);
    }

    @Override
    public boolean deleteExample(String subject, String exampleId) {
        return collection.deleteFaceOf(subject, exampleId);
    }

    @Override
    public Gallery in(String name) {
        if (name == null || name.equals(collection.name())) {
            return this;
        }
        return catalog.gallery(name, threshold);
    }
}
