package io.facefleet.rekognition;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * S3Object images on the aws profile, read with the service's own S3 client (its role must be
 * allowed to read the bucket). A missing object or a refused read is no object; S3 being
 * unreachable is thrown (the caller's back-pressure answer).
 */
public final class BucketS3Objects implements S3Objects {

    private final S3Client s3;

    public BucketS3Objects(S3Client s3) {
        this.s3 = s3;
    }

    @Override
    public Optional<byte[]> read(String bucket, String name, String version, long maxBytes) {
        GetObjectRequest.Builder req = GetObjectRequest.builder().bucket(bucket).key(name);
        if (version != null) {
            req.versionId(version);
        }
        try (InputStream in = s3.getObject(req.build())) {
            return Optional.of(in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1)));
        } catch (NoSuchKeyException | NoSuchBucketException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 403 || e.statusCode() == 404 || e.statusCode() == 400) {
                return Optional.empty();
            }
            throw e;
        } catch (IOException e) {
            throw SdkException.create("reading s3://" + bucket + "/" + name + " failed", e);
        }
    }
}
