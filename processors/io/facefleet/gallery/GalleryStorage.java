package io.facefleet.gallery;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Where a {@link Gallery} keeps its subjects: one local file, or shared storage every host reads. */
interface GalleryStorage {

    /** The stored subjects, or empty when nothing changed since the last call. */
    Optional<Map<String, List<Example>>> loadIfChanged();

    /** Persists a new example; {@code all} is the whole gallery after the change. */
    void added(Map<String, List<Example>> all, String subject, Example example);

    /** Persists the removal of examples; {@code all} is the whole gallery after the change. */
    void removed(Map<String, List<Example>> all, String subject, List<Example> gone);
}
