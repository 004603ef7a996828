package io.facefleet.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The local read step of routes/storage-local.camel.yaml: one file by name. Camel's file
 * component can only read by polling, and its consumer lists the whole folder on every poll
 * (measured: 15 ms per read at 2,000 images, 51 ms at 8,000), so this is the one storage step
 * our Java does on the local profile.
 */
public final class LocalFileRead {

    private LocalFileRead() {
    }

    /** The file's bytes, or null when there is none; the key is already safe ({@link StorageKeys}). */
    public static byte[] read(String folder, String key) {
        StorageKeys.requireSafe(key);
        Path file = Path.of(folder).resolve(key);
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
