package io.facefleet.aws;

import io.facefleet.gallery.GalleryObjects;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The gallery's objects in our data bucket, through the S3 client itself (not a route): the
 * change log's conditional PUT answers 412 and its tail GET answers 404 as part of normal work,
 * on the collection's writer thread (see docs/decisions.md, "The gallery's log in S3").
 */
public final class S3GalleryObjects implements GalleryObjects {

    private final S3Client s3;
    private final String bucket;
    private final String prefix;

    /** @param prefix prepended to every key (e.g. "gallery/") */
    public S3GalleryObjects(S3Client s3, String bucket, String prefix) {
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = prefix;
    }

    @Override
    public Optional<byte[]> get(String key) throws IOException {
        try {
            return Optional.of(s3.getObjectAsBytes(r -> r.bucket(bucket).key(prefix + key)).asByteArray());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw failed("GET", key, e);
        } catch (SdkException e) {
            throw failed("GET", key, e);
        }
    }

    /**
     * A conditional PUT whose answer is lost (the connection broke: seen against S3Proxy as a
     * broken pipe while writers raced for one key) may or may not have written the object. The object itself says which: ours (the same bytes) means we won, another's means
     * we lost, none means the PUT is sent again.
     */
    @Override
    public boolean putIfAbsent(String key, byte[] bytes) throws IOException {
        for (int attempt = 1;; attempt++) {
            try {
                s3.putObject(r -> r.bucket(bucket).key(prefix + key).ifNoneMatch("*"), RequestBody.fromBytes(bytes));
                return true;
            } catch (S3Exception e) {
                // 412: another writer holds the key; 409: a conditional write on it is under way
                if (e.statusCode() == 412 || e.statusCode() == 409) {
                    return false;
                }
                throw failed("conditional PUT", key, e);
            } catch (SdkException e) {
                Optional<byte[]> there = get(key);
                if (there.isPresent()) {
                    return Arrays.equals(there.get(), bytes);
                }
                if (attempt == 3) {
                    throw failed("conditional PUT", key, e);
                }
            }
        }
    }

    @Override
    public void put(String key, byte[] bytes) throws IOException {
        put(key, RequestBody.fromBytes(bytes));
    }

    @Override
    public void putFile(String key, Path file) throws IOException {
        put(key, RequestBody.fromFile(file));
    }

    private void put(String key, RequestBody body) throws IOException {
        try {
            s3.putObject(r -> r.bucket(bucket).key(prefix + key), body);
        } catch (SdkException e) {
            throw failed("PUT", key, e);
        }
    }

    @Override
    public boolean getFile(String key, Path file) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".part");
        Files.deleteIfExists(tmp);
        try {
            s3.getObject(r -> r.bucket(bucket).key(prefix + key), tmp);
        } catch (NoSuchKeyException e) {
            return false;
        } catch (SdkException e) {
            throw failed("GET", key, e);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        return true;
    }

    /** One DELETE per key: S3-compatible stores differ in the checksum headers DeleteObjects needs, a single DELETE needs none. */
    @Override
    public void delete(List<String> keys) throws IOException {
        for (String k : keys) {
            try {
                s3.deleteObject(r -> r.bucket(bucket).key(prefix + k));
            } catch (SdkException e) {
                throw failed("DELETE", k, e);
            }
        }
    }

    @Override
    public List<String> list(String under) throws IOException {
        List<String> keys = new ArrayList<>();
        try {
            s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(prefix + under)).contents()
                    .forEach(o -> keys.add(o.key().substring(prefix.length())));
        } catch (SdkException e) {
            throw failed("LIST", under, e);
        }
        return keys;
    }

    @Override
    public List<String> listTopLevel() throws IOException {
        List<String> keys = new ArrayList<>();
        try {
            s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(prefix).delimiter("/")).contents()
                    .forEach(o -> keys.add(o.key().substring(prefix.length())));
        } catch (SdkException e) {
            throw failed("LIST", "", e);
        }
        return keys;
    }

    private IOException failed(String what, String key, Exception e) {
        return new IOException("S3 " + what + " of s3://" + bucket + "/" + prefix + key + " failed: " + e.getMessage(), e);
    }
}
