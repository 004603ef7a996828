package io.facefleet.rekognition;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * S3Object images on the local profile: {@code <dir>/<bucket>/<name>}. Names that would leave the
 * bucket's folder ({@code ..}, absolute paths) are no object. Versions are not kept: any version
 * names the one file.
 */
public final class LocalS3Objects implements S3Objects {

    private final Path dir;

    public LocalS3Objects(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    @Override
    public Optional<byte[]> read(String bucket, String name, String version, long maxBytes) {
        if (bucket.contains("/") || bucket.contains("\\") || bucket.startsWith(".") || name.startsWith("/") || name.contains("\\")
                || java.util.Arrays.asList(name.split("/")).contains("..")) {
            return Optional.empty();
        }
        Path bucketDir = dir.resolve(bucket).normalize();
        Path file = bucketDir.resolve(name).normalize();
        if (!bucketDir.getParent().equals(dir) || !file.startsWith(bucketDir) || !Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try (InputStream in = Files.newInputStream(file)) {
            return Optional.of(in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
