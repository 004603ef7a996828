package io.facefleet.gallery;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Takes the earlier releases' shared gallery (one object {@code gallery/<face id>.json} per face,
 * {@code {"subject": ..., "example": {...}}}) into the default collection, once: listed a last
 * time, imported with their ids (a second host doing the same at once adds nothing twice: the
 * log orders the two imports and the later one skips the ids it finds), then a marker object is
 * written so no host lists again. The old objects are left in place.
 */
final class S3LegacyImport {

    static final String MARKER = "catalog/legacy-imported";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The old object's content. */
    record Entry(String subject, Example example) {
    }

    private S3LegacyImport() {
    }

    /** Returns how many faces were added. */
    static int once(GalleryObjects objects, Collection target) throws IOException {
        if (objects.get(MARKER).isPresent()) {
            return 0;
        }
        Map<String, List<Example>> subjects = new LinkedHashMap<>();
        for (String key : objects.listTopLevel()) {
            if (!key.endsWith(".json")) {
                continue;
            }
            Optional<byte[]> got = objects.get(key);
            if (got.isPresent()) {
                Entry e = JSON.readValue(got.get(), Entry.class);
                subjects.computeIfAbsent(e.subject(), s -> new ArrayList<>()).add(e.example());
            }
        }
        int added = 0;
        for (Map.Entry<String, List<Example>> s : subjects.entrySet()) {
            added += target.importFaces(s.getKey(), s.getValue());
        }
        objects.put(MARKER, JSON.writeValueAsBytes(Map.of("faces", subjects.values().stream().mapToInt(List::size).sum())));
        return added;
    }
}
