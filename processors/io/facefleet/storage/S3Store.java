package io.facefleet.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Storage in S3. The seed's buckets hold the seed's view and nothing else: the input bucket the
 * uploads under their file names, the output bucket the labels under the names without extension.
 * Everything of our own (request images, JSON results, the gallery) lives in a bucket of our own,
 * one prefix per area ({@code images/}, {@code results/}, {@code gallery/}).
 */
public final class S3Store implements BlobStore {

    private final S3Client s3;
    private final String inputBucket;
    private final String outputBucket;
    private final String dataBucket;

    public S3Store(S3Client s3, String inputBucket, String outputBucket, String dataBucket) {
        this.s3 = s3;
        this.inputBucket = inputBucket;
        this.outputBucket = outputBucket;
        this.dataBucket = dataBucket;
    }

    /** Creates the three buckets when they do not exist yet (tests and first runs; CloudFormation makes them on AWS). */
    public void createBuckets() {
        for (String b : List.of(inputBucket, outputBucket, dataBucket)) {
            try {
                s3.createBucket(r -> r.bucket(b));
            } catch (BucketAlreadyOwnedByYouException e) {
                // already there: nothing to do
            }
        }
    }

    private String bucket(Area area) {
        return switch (area) {
            case SEED_INPUT -> inputBucket;
            case SEED_OUTPUT -> outputBucket;
            default -> dataBucket;
        };
    }

    private static String prefix(Area area) {
        return switch (area) {
            case SEED_INPUT, SEED_OUTPUT -> "";
            default -> area.folder() + "/";
        };
    }

    @Override
    public void put(Area area, String key, byte[] bytes) {
        StorageKeys.requireSafe(key);
        s3.putObject(r -> r.bucket(bucket(area)).key(prefix(area) + key), RequestBody.fromBytes(bytes));
    }

    @Override
    public Optional<byte[]> get(Area area, String key) {
        StorageKeys.requireSafe(key);
        try {
            return Optional.of(s3.getObjectAsBytes(r -> r.bucket(bucket(area)).key(prefix(area) + key)).asByteArray());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        }
    }

    @Override
    public void delete(Area area, String key) {
        StorageKeys.requireSafe(key);
        s3.deleteObject(r -> r.bucket(bucket(area)).key(prefix(area) + key));
    }

    @Override
    public List<String> list(Area area) {
        String prefix = prefix(area);
        List<String> keys = new ArrayList<>();
        ListObjectsV2Request.Builder req = ListObjectsV2Request.builder().bucket(bucket(area)).prefix(prefix);
        ListObjectsV2Response page;
        do {
            page = s3.listObjectsV2(req.build());
            for (S3Object o : page.contents()) {
                String key = o.key().substring(prefix.length());
                if (!prefix.isEmpty() || !key.contains("/")) {
                    keys.add(key);
                }
            }
            req.continuationToken(page.nextContinuationToken());
        } while (Boolean.TRUE.equals(page.isTruncated()));
        return keys;
    }
}
