package io.facefleet.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Storage on local disk, a folder per area under the data directory: the seed's view in
 * {@code input/} and {@code output/}; request images, results and the gallery in {@code images/},
 * {@code results/} and {@code gallery/}. Writes go to a
 * temporary file first and are moved into place, so a reader never sees half an object.
 */
public final class LocalDiskStore implements BlobStore {

    private final Path root;

    public LocalDiskStore(Path dataDir) {
        this.root = dataDir;
    }

    private Path file(Area area, String key) {
        StorageKeys.requireSafe(key);
        return root.resolve(area.folder()).resolve(key);
    }

    @Override
    public void put(Area area, String key, byte[] bytes) {
        Path target = file(area, key);
        try {
            Files.createDirectories(target.getParent());
            Path tmp = Files.createTempFile(target.getParent(), ".put-", ".tmp");
            Files.write(tmp, bytes);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store " + area + "/" + key, e);
        }
    }

    @Override
    public Optional<byte[]> get(Area area, String key) {
        try {
            return Optional.of(Files.readAllBytes(file(area, key)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + area + "/" + key, e);
        }
    }

    @Override
    public List<String> list(Area area) {
        Path dir = root.resolve(area.folder());
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + area, e);
        }
    }

    @Override
    public void delete(Area area, String key) {
        try {
            Files.deleteIfExists(file(area, key));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + area + "/" + key, e);
        }
    }
}
