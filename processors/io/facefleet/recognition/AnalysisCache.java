package io.facefleet.recognition;

import io.facefleet.engine.Face;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Faces found in byte-identical images, by SHA-256 of the bytes, least recently used out first.
 * It holds the engine's output, not labels: matching against the gallery is redone on every
 * request, so enrolling or deleting a subject takes effect at once.
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

    public List<Face> get(String sha256) {
        if (capacity == 0) {
            return null;
        }
        List<Face> faces;
        synchronized (entries) {
            faces = entries.get(sha256);
        }
        (faces == null ? misses : hits).increment();
        return faces;
    }

    public void put(String sha256, List<Face> faces) {
        if (capacity > 0) {
            synchronized (entries) {
                entries.put(sha256, List.copyOf(faces));
            }
        }
    }

    public long hits() {
        return hits.sum();
    }

    public long misses() {
        return misses.sum();
    }
}
