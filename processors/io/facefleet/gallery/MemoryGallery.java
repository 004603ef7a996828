package io.facefleet.gallery;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The gallery held whole in memory and scanned on every match, kept in a {@link GalleryStorage}:
 * the aws profile's one object per example in shared storage ({@link SharedGallery}). Changes
 * made by other hosts are picked up at most every {@code refreshMillis}. Many readers, rare
 * writers. (The local profile's gallery is a {@link Collection}, see {@link CollectionGallery}.)
 */
final class MemoryGallery implements Gallery {

    private final GalleryStorage storage;
    private final float threshold;
    private final long refreshMillis;
    private volatile long refreshedAt;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<String, List<Example>> subjects = new LinkedHashMap<>();

    MemoryGallery(GalleryStorage storage, float threshold, long refreshMillis) {
        if (!(threshold > 0)) {
            throw new IllegalArgumentException("gallery threshold must be positive, got " + threshold);
        }
        this.storage = storage;
        this.threshold = threshold;
        this.refreshMillis = refreshMillis;
        refresh();
    }

    @Override
    public float threshold() {
        return threshold;
    }

    /** Takes in changes other hosts or processes made, when the last look is older than the refresh period. */
    private void refreshIfDue() {
        if (System.currentTimeMillis() - refreshedAt >= refreshMillis) {
            refresh();
        }
    }

    private void refresh() {
        lock.writeLock().lock();
        try {
            refreshedAt = System.currentTimeMillis();
            storage.loadIfChanged().ifPresent(stored -> {
                subjects.clear();
                stored.forEach((name, ex) -> subjects.put(name, new ArrayList<>(ex)));
            });
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Adds an example face; when {@code sha256} (of the source image) is already among the
     * subject's examples, the existing example is returned and nothing is added.
     */
    @Override
    public Example enroll(String subject, float[] descriptor, String source, String sha256) {
        Gallery.validateName(subject);
        if (descriptor == null || descriptor.length != 128) {
            throw new IllegalArgumentException("a descriptor has 128 values");
        }
        refreshIfDue();
        lock.writeLock().lock();
        try {
            List<Example> examples = subjects.computeIfAbsent(subject, k -> new ArrayList<>());
            if (sha256 != null) {
                for (Example e : examples) {
                    if (sha256.equals(e.sha256())) {
                        return e;
                    }
                }
            }
            Example e = new Example(UUID.randomUUID().toString(), source, sha256, System.currentTimeMillis(), descriptor.clone());
            examples.add(e);
            storage.added(subjects, subject, e);
            return e;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Nearest example over all subjects. */
    @Override
    public Match match(float[] descriptor) {
        refreshIfDue();
        lock.readLock().lock();
        try {
            String best = null;
            double bestDistance = Double.POSITIVE_INFINITY;
            for (Map.Entry<String, List<Example>> s : subjects.entrySet()) {
                for (Example e : s.getValue()) {
                    double d = Gallery.distance(descriptor, e.descriptor());
                    if (d < bestDistance) {
                        bestDistance = d;
                        best = s.getKey();
                    }
                }
            }
            return new Match(bestDistance < threshold ? best : null, (float) bestDistance);
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public List<Subject> subjects() {
        refreshIfDue();
        lock.readLock().lock();
        try {
            List<Subject> out = new ArrayList<>();
            subjects.forEach((name, ex) -> out.add(new Subject(name, List.copyOf(ex))));
            return out;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Removes a subject and its examples; false when there was none. */
    @Override
    public boolean delete(String subject) {
        refresh();
        lock.writeLock().lock();
        try {
            List<Example> gone = subjects.remove(subject);
            if (gone == null) {
                return false;
            }
            storage.removed(subjects, subject, gone);
            return true;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Removes one example of a subject (the subject too when it was its last). */
    @Override
    public boolean deleteExample(String subject, String exampleId) {
        refresh();
        lock.writeLock().lock();
        try {
            List<Example> ex = subjects.get(subject);
            List<Example> gone = ex == null ? List.of() : ex.stream().filter(e -> e.id().equals(exampleId)).toList();
            if (gone.isEmpty()) {
                return false;
            }
            ex.removeAll(gone);
            if (ex.isEmpty()) {
                subjects.remove(subject);
            }
            storage.removed(subjects, subject, gone);
            return true;
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public Gallery in(String collection) {
        if (collection == null || collection.equals(Catalog.DEFAULT)) {
            return this;
        }
        throw GalleryRefusal.notFound("no collection named " + collection
                + " (on shared storage only the default collection exists for now)");
    }
}
