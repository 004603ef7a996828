package io.facefleet.gallery;

import io.facefleet.storage.BlobStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Enrolled subjects, each with several example faces, matched by euclidean distance to the
 * nearest example (face-api's FaceMatcher rule, threshold 0.6 by default). Kept in a
 * {@link GalleryStorage}: one JSON file under {@code <dataDir>/gallery/} on one host, or one
 * object per example in shared storage when hosts are many. Changes made elsewhere are picked
 * up at most every {@code refreshMillis}. Many readers, rare writers.
 */
public final class Gallery {

    private static final int MAX_NAME = 100;

    private final GalleryStorage storage;
    private final float threshold;
    private final long refreshMillis;
    private volatile long refreshedAt;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<String, List<Example>> subjects = new LinkedHashMap<>();

    private Gallery(GalleryStorage storage, float threshold, long refreshMillis) {
        if (!(threshold > 0)) {
            throw new IllegalArgumentException("gallery threshold must be positive, got " + threshold);
        }
        this.storage = storage;
        this.threshold = threshold;
        this.refreshMillis = refreshMillis;
        refresh();
    }

    /** Opens (or creates) the gallery file of a data directory, looking for outside changes at most once a second. */
    public static Gallery open(Path dataDir, float threshold) {
        return open(dataDir, threshold, 1000);
    }

    /** The same, looking for changes made by other processes (the CLI) at most every {@code refreshMillis}. */
    public static Gallery open(Path dataDir, float threshold, long refreshMillis) {
        return new Gallery(new GalleryFile(dataDir.resolve("gallery").resolve("gallery.json")), threshold, refreshMillis);
    }

    /** The gallery every host shares through {@code store}, re-read at most every {@code refreshMillis}. */
    public static Gallery shared(BlobStore store, float threshold, long refreshMillis) {
        return new Gallery(new SharedGallery(store), threshold, refreshMillis);
    }

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

    /** Adds an example face to a subject (created on first use); returns the example. */
    public Example enroll(String subject, float[] descriptor, String source) {
        return enroll(subject, descriptor, source, null);
    }

    /**
     * Adds an example face; when {@code sha256} (of the source image) is already among the
     * subject's examples, the existing example is returned and nothing is added.
     */
    public Example enroll(String subject, float[] descriptor, String source, String sha256) {
        validateName(subject);
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
    public Match match(float[] descriptor) {
        refreshIfDue();
        lock.readLock().lock();
        try {
            String best = null;
            double bestDistance = Double.POSITIVE_INFINITY;
            for (Map.Entry<String, List<Example>> s : subjects.entrySet()) {
                for (Example e : s.getValue()) {
                    double d = distance(descriptor, e.descriptor());
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

    /** Rejects names that would be confusing or unsafe as labels and storage keys. */
    public static void validateName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a subject name must not be blank");
        }
        if (name.length() > MAX_NAME) {
            throw new IllegalArgumentException("a subject name has at most " + MAX_NAME + " characters");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isISOControl(c) || c == '/' || c == '\\' || c == ':') {
                throw new IllegalArgumentException("a subject name must not contain control characters, '/', '\\' or ':'");
            }
        }
        if (!name.equals(name.strip())) {
            throw new IllegalArgumentException("a subject name must not start or end with spaces");
        }
    }

    /** Euclidean distance of two descriptors. */
    public static double distance(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            double d = a[i] - b[i];
            s += d * d;
        }
        return Math.sqrt(s);
    }
}
