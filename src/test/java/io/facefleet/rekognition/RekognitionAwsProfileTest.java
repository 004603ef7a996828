package io.facefleet.rekognition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.facefleet.testing.AwsServers;
import io.facefleet.testing.DemoFaces;
import io.facefleet.testing.RunningService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.rekognition.RekognitionClient;
import software.amazon.awssdk.services.rekognition.model.InvalidS3ObjectException;
import software.amazon.awssdk.services.rekognition.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The Rekognition protocol on the aws profile (SQS and S3 in the test JVM): S3Object images are
 * read from the bucket with the service's S3 client, the jobs go through SQS to a worker, and
 * the collection operations work on the collections shared through S3 (a face indexed is found
 * again by SearchFacesByImage). AWS keys alone
 * satisfy the profile's demand for client keys.
 */
class RekognitionAwsProfileTest {

    @Test
    void s3ObjectImagesAndJobsThroughSqs(@TempDir Path data) throws Exception {
        try (AwsServers aws = AwsServers.start()) {
            List<String> settings = new ArrayList<>(aws.settings());
            settings.addAll(List.of("facefleet.aws.app-id=rk", "facefleet.tiers=web,app", "facefleet.data-dir=" + data,
                    "facefleet.sqs.wait-time-s=1", "facefleet.web.aws-keys=AKIDAWS:aws-profile-secret"));
            try (RunningService svc = RunningService.start(settings.toArray(String[]::new));
                 S3Client s3 = aws.s3Client();
                 RekognitionClient rk = RekognitionClient.builder().endpointOverride(svc.uri("/")).region(Region.US_EAST_1)
                         .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDAWS", "aws-profile-secret")))
                         .build()) {
                s3.createBucket(b -> b.bucket("customer-photos"));
                s3.putObject(b -> b.bucket("customer-photos").key("team/group.jpg"), RequestBody.fromBytes(Files.readAllBytes(DemoFaces.photo(1))));
                var faces = rk.detectFaces(b -> b.image(i -> i.s3Object(o -> o.bucket("customer-photos").name("team/group.jpg")))).faceDetails();
                assertTrue(faces.size() > 1, faces.toString());
                assertThrows(InvalidS3ObjectException.class,
                        () -> rk.detectFaces(b -> b.image(i -> i.s3Object(o -> o.bucket("customer-photos").name("team/none.jpg")))));
                assertThrows(InvalidS3ObjectException.class,
                        () -> rk.detectFaces(b -> b.image(i -> i.s3Object(o -> o.bucket("no-such-bucket").name("x.jpg")))));
                DemoFaces.Person p = DemoFaces.people().get(0);
                var same = rk.compareFaces(b -> b.sourceImage(i -> i.bytes(SdkBytes.fromByteArray(p.portrait())))
                        .targetImage(i -> i.bytes(SdkBytes.fromByteArray(p.variant(2)))));
                assertEquals(1, same.faceMatches().size());
                rk.createCollection(b -> b.collectionId("staff"));
                assertThrows(ResourceAlreadyExistsException.class, () -> rk.createCollection(b -> b.collectionId("staff")));
                var indexed = rk.indexFaces(b -> b.collectionId("staff").externalImageId("first-person")
                        .image(i -> i.bytes(SdkBytes.fromByteArray(p.portrait()))));
                assertEquals(1, indexed.faceRecords().size());
                var found = rk.searchFacesByImage(b -> b.collectionId("staff").image(i -> i.bytes(SdkBytes.fromByteArray(p.variant(1)))));
                assertFalse(found.faceMatches().isEmpty(), found.toString());
                assertEquals("first-person", found.faceMatches().get(0).face().externalImageId());
                assertEquals(1L, rk.describeCollection(b -> b.collectionId("staff")).faceCount());
            }
        }
    }
}
