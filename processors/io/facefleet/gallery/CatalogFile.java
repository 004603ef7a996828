package io.facefleet.gallery;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The list of collections ({@code <dataDir>/gallery/catalog.json}): name, directory and
 * creation time of each. Small; rewritten whole (fsynced, then moved over the old one) on
 * create and delete only.
 */
final class CatalogFile {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One collection: {@code dir} is a uuid, so a deleted and recreated name starts afresh. */
    record Entry(String name, String dir, long createdAtMillis) {
    }

    /** The file's content. */
    record Stored(List<Entry> collections) {
    }

    private final Path file;

    CatalogFile(Path file) {
        this.file = file;
    }

    List<Entry> read() {
        if (!Files.exists(file)) {
            return new ArrayList<>();
        }
        try {
            Stored s = JSON.readValue(file.toFile(), Stored.class);
            return s.collections() == null ? new ArrayList<>() : new ArrayList<>(s.collections());
        } catch (IOException e) {
            throw new GalleryException("the gallery catalogue " + file + " cannot be read (" + e.getMessage()
                    + "); restore it from a backup (the collections' directories are beside it)", e);
        }
    }

    void write(List<Entry> entries) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(tmp, JSON.writeValueAsBytes(new Stored(entries)));
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
        try (FileChannel d = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
            d.force(true);
        }
    }
}
