package io.facefleet.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.apache.camel.Header;

/**
 * The local read step of routes/storage-local.camel.yaml: one file by name. Camel's file
 * component can only read by polling, and its consumer lists the whole folder on every poll
 * (measured: 15 ms per read at 2,000 images, 51 ms at 8,000), so this is the one storage step
 * our Java does on the local profile. The route names the folder in a header rather than in the
 * method call's text, so a data directory with a quote or a comma in its path reads as well.
 */
public final class LocalFileRead {

    private LocalFileRead() {
    }

    /** The header that names the folder to read from. */
    public static final String FOLDER = "facefleetStorageFolder";

    /** The file's bytes, or null when there is none; the key is already safe ({@link StorageKeys}). */
    public static byte[] read(@Header(FOLDER) String folder, @Header(StorageKeys.HEADER) String key) {
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
