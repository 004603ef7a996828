package io.facefleet.gallery;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.facefleet.storage.BlobStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The gallery in shared storage (S3 on AWS), one object per example face named by its id. Two
 * hosts enrolling at once write different objects, so neither enrolment is lost; a host sees
 * the others' changes when it next lists the area.
 */
final class SharedGallery implements GalleryStorage {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One stored object. */
    private record Entry(String subject, Example example) {
    }

    private final BlobStore store;
    private final Map<String, Entry> known = new HashMap<>();

    SharedGallery(BlobStore store) {
        this.store = store;
    }

    private static String key(Example e) {
        return e.id() + ".json";
    }

    @Override
    public Optional<Map<String, List<Example>>> loadIfChanged() {
        Set<String> keys = new HashSet<>(store.list(BlobStore.Area.GALLERY));
        if (keys.equals(known.keySet())) {
            return Optional.empty();
        }
        known.keySet().retainAll(keys);
        for (String k : keys) {
            if (!known.containsKey(k)) {
                store.get(BlobStore.Area.GALLERY, k).ifPresent(bytes -> known.put(k, read(k, bytes)));
            }
        }
        List<Entry> entries = new ArrayList<>(known.values());
        entries.sort(Comparator.comparingLong((Entry e) -> e.example().enrolledAtMillis()).thenComparing(e -> e.example().id()));
        Map<String, List<Example>> all = new LinkedHashMap<>();
        for (Entry e : entries) {
            all.computeIfAbsent(e.subject(), s -> new ArrayList<>()).add(e.example());
        }
        return Optional.of(all);
    }

    private static Entry read(String key, byte[] bytes) {
        try {
            return JSON.readValue(bytes, Entry.class);
        } catch (IOException e) {
            throw new GalleryException("gallery object " + key + " cannot be read: " + e.getMessage(), e);
        }
    }

    @Override
    public void added(Map<String, List<Example>> all, String subject, Example example) {
        try {
            store.put(BlobStore.Area.GALLERY, key(example), JSON.writeValueAsBytes(new Entry(subject, example)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        known.put(key(example), new Entry(subject, example));
    }

    @Override
    public void removed(Map<String, List<Example>> all, String subject, List<Example> gone) {
        for (Example e : gone) {
            store.delete(BlobStore.Area.GALLERY, key(e));
            known.remove(key(e));
        }
    }
}
