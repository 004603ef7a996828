package io.facefleet.gallery;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The gallery file of earlier releases: one JSON file, rewritten atomically on every change.
 * Now only read, by {@link LegacyImport}, to take it into the default collection.
 */
final class GalleryFile implements GalleryStorage {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** File format: subject name → examples. */
    private record Stored(Map<String, List<Example>> subjects) {
    }

    private final Path file;
    private FileTime seen;

    GalleryFile(Path file) {
        this.file = file;
    }

    @Override
    public Optional<Map<String, List<Example>>> loadIfChanged() {
        try {
            if (!Files.exists(file)) {
                return Optional.empty();
            }
            FileTime modified = Files.getLastModifiedTime(file);
            if (modified.equals(seen)) {
                return Optional.empty();
            }
            Stored s = JSON.readValue(file.toFile(), Stored.class);
            seen = modified;
            return Optional.of(s.subjects() == null ? Map.of() : s.subjects());
        } catch (IOException e) {
            throw new GalleryException("gallery file " + file + " cannot be read (" + e.getMessage()
                    + "); move it aside to start with an empty gallery", e);
        }
    }

    @Override
    public void added(Map<String, List<Example>> all, String subject, Example example) {
        save(all);
    }

    @Override
    public void removed(Map<String, List<Example>> all, String subject, List<Example> gone) {
        save(all);
    }

    /** Writes the whole gallery to a temporary file, then moves it over the old one. */
    private void save(Map<String, List<Example>> all) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            JSON.writeValue(tmp.toFile(), new Stored(all));
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            seen = Files.getLastModifiedTime(file);
        } catch (IOException e) {
            throw new UncheckedIOException("gallery file " + file + " cannot be written", e);
        }
    }
}
