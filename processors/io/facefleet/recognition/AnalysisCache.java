package io.facefleet.recognition;

import io.facefleet.engine.Attribute;
import io.facefleet.engine.Face;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;

/**
 * Faces found in byte-identical images, by SHA-256 of the bytes and the attributes asked for,
 * least recently used out first: faces analysed without attributes never answer a request that
 * asks for some, nor the other way round. It holds the engine's output, not labels: matching
 * against the gallery is redone on every request, so enrolling or deleting a subject takes effect
 * at once.
 */
public final class AnalysisCache {

    private final int capacity;
    private final Map<String, List<Face>> entries;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();

    /** @param capacity most images remembered; 0 turns the cache off */
    public AnalysisCache(int capacity) {
        this.capacity = capacity;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, List<Face>> eldest) {
                return size() > AnalysisCache.this.capacity;
            }
        };
    }

    /** The faces of an image analysed without attributes, or null. */
    public List<Face> get(String sha256) {
        return get(sha256, Set.of());
    }

    /** The faces of an image analysed with exactly {@code attributes}, or null. */
    public List<Face> get(String sha256, Set<Attribute> attributes) {
        if (capacity == 0) {
            return null;
        }
        List<Face> faces;
        synchronized (entries) {
            faces = entries.get(key(sha256, attributes));
        }
        (faces == null ? misses : hits).increment();
        return faces;
    }

    public void put(String sha256, List<Face> faces) {
        put(sha256, Set.of(), faces);
    }

    public void put(String sha256, Set<Attribute> attributes, List<Face> faces) {
        if (capacity > 0) {
            synchronized (entries) {
                entries.put(key(sha256, attributes), List.copyOf(faces));
            }
        }
    }

    /** The image's hash and the canonical attribute list ({@code age,expression}; empty for none). */
    private static String key(String sha256, Set<Attribute> attributes) {
        return sha256 + "/" + Attribute.format(attributes);
    }

    public long hits() {
        return hits.sum();
    }

    public long misses() {
        return misses.sum();
    }
}
