package io.facefleet.gallery;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Enrolled subjects, each with several example faces, matched by euclidean distance to the
 * nearest example (face-api's FaceMatcher rule, threshold 0.6 by default). Persisted as one JSON
 * file under {@code <dataDir>/gallery/}, rewritten atomically on every change, so it survives a
 * restart and a crash never leaves half a file. Many readers, rare writers.
 */
public final class Gallery {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_NAME = 100;

    /** File format: subject name → examples. */
    private record Stored(Map<String, List<Example>> subjects) {
    }

    private final Path file;
    private final float threshold;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<String, List<Example>> subjects = new LinkedHashMap<>();

    private Gallery(Path file, float threshold) {
        this.file = file;
        this.threshold = threshold;
    }

    /** Opens (or creates) the gallery of a data directory. */
    public static Gallery open(Path dataDir, float threshold) {
        if (!(threshold > 0)) {
            throw new IllegalArgumentException("gallery threshold must be positive, got " + threshold);
        }
        Gallery g = new Gallery(dataDir.resolve("gallery").resolve("gallery.json"), threshold);
        g.load();
        return g;
    }

    public float threshold() {
        return threshold;
    }

    private void load() {
        if (!Files.exists(file)) {
            return;
        }
        try {
            Stored s = JSON.readValue(file.toFile(), Stored.class);
            if (s.subjects() != null) {
                subjects.putAll(s.subjects());
            }
        } catch (IOException e) {
            throw new GalleryException("gallery file " + file + " cannot be read (" + e.getMessage()
                    + "); move it aside to start with an empty gallery", e);
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
            save();
            return e;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Nearest example over all subjects. */
    public Match match(float[] descriptor) {
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
        lock.writeLock().lock();
        try {
            if (subjects.remove(subject) == null) {
                return false;
            }
            save();
            return true;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Removes one example of a subject (the subject too when it was its last). */
    public boolean deleteExample(String subject, String exampleId) {
        lock.writeLock().lock();
        try {
            List<Example> ex = subjects.get(subject);
            if (ex == null || !ex.removeIf(e -> e.id().equals(exampleId))) {
                return false;
            }
            if (ex.isEmpty()) {
                subjects.remove(subject);
            }
            save();
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

    /** Writes the whole gallery to a temporary file, then moves it over the old one. */
    private void save() {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            JSON.writeValue(tmp.toFile(), new Stored(subjects));
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("gallery file " + file + " cannot be written", e);
        }
    }
}
