package io.facefleet.rekognition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.facefleet.testing.DemoFaces;
import io.facefleet.testing.RunningService;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.rekognition.RekognitionClient;
import software.amazon.awssdk.services.rekognition.model.Attribute;
import software.amazon.awssdk.services.rekognition.model.EmotionName;
import software.amazon.awssdk.services.rekognition.model.GenderType;
import software.amazon.awssdk.services.rekognition.model.CompareFacesResponse;
import software.amazon.awssdk.services.rekognition.model.DescribeCollectionResponse;
import software.amazon.awssdk.services.rekognition.model.DetectFacesResponse;
import software.amazon.awssdk.services.rekognition.model.FaceDetail;
import software.amazon.awssdk.services.rekognition.model.FaceRecord;
import software.amazon.awssdk.services.rekognition.model.Image;
import software.amazon.awssdk.services.rekognition.model.ImageTooLargeException;
import software.amazon.awssdk.services.rekognition.model.IndexFacesResponse;
import software.amazon.awssdk.services.rekognition.model.InvalidImageFormatException;
import software.amazon.awssdk.services.rekognition.model.InvalidParameterException;
import software.amazon.awssdk.services.rekognition.model.InvalidS3ObjectException;
import software.amazon.awssdk.services.rekognition.model.Landmark;
import software.amazon.awssdk.services.rekognition.model.LandmarkType;
import software.amazon.awssdk.services.rekognition.model.RekognitionException;
import software.amazon.awssdk.services.rekognition.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.rekognition.model.ResourceNotFoundException;
import software.amazon.awssdk.services.rekognition.model.SearchFacesByImageResponse;
import software.amazon.awssdk.services.rekognition.model.SearchFacesResponse;

/**
 * The Rekognition protocol driven by AWS's own Java SDK v2 client, unchanged but for its endpoint,
 * against the embedded service with a key pair configured: every operation facefleet answers,
 * on the face package's demo photos, and the SDK's typed exceptions for the errors.
 */
class RekognitionSdkTest {

    private static final String KEY_ID = "AKIDFACEFLEETTEST";
    private static final String SECRET = "facefleet-test-secret-0123456789";

    @TempDir
    static Path data;
    private static RunningService svc;
    private static RekognitionClient rk;

    @BeforeAll
    static void start() throws Exception {
        svc = RunningService.start("facefleet.data-dir=" + data, "camel.main.name=facefleet-rekognition",
                "facefleet.web.aws-keys=" + KEY_ID + ":" + SECRET, "facefleet.image.max-bytes=2000000");
        rk = client(SECRET);
    }

    @AfterAll
    static void stop() throws Exception {
        if (rk != null) {
            rk.close();
        }
        if (svc != null) {
            svc.close();
        }
    }

    static RekognitionClient client(String secret) {
        return RekognitionClient.builder().endpointOverride(URI.create(svc.uri("/").toString()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(KEY_ID, secret)))
                .build();
    }

    private static Image bytes(byte[] b) {
        return Image.builder().bytes(SdkBytes.fromByteArray(b)).build();
    }

    private static byte[] photo(int n) throws Exception {
        return Files.readAllBytes(DemoFaces.photo(n));
    }

    @Test
    void detectFacesGivesBoxesAsFractionsLandmarksPoseAndQuality() throws Exception {
        byte[] group = photo(1);
        DetectFacesResponse r = rk.detectFaces(b -> b.image(bytes(group)).attributes(Attribute.ALL));
        assertFalse(r.faceDetails().isEmpty());
        for (FaceDetail d : r.faceDetails()) {
            var box = d.boundingBox();
            assertTrue(box.left() > -0.2 && box.left() < 1 && box.width() > 0 && box.width() <= 1, box.toString());
            assertTrue(d.confidence() > 50 && d.confidence() <= 100);
            assertEquals(30, d.landmarks().size());
            Landmark left = d.landmarks().stream().filter(l -> l.type() == LandmarkType.EYE_LEFT).findFirst().orElseThrow();
            Landmark right = d.landmarks().stream().filter(l -> l.type() == LandmarkType.EYE_RIGHT).findFirst().orElseThrow();
            assertTrue(left.x() < right.x(), "eyeLeft is the image's left");
            assertTrue(left.x() > box.left() && right.x() < box.left() + box.width(), "the eyes are inside the box");
            assertNotNull(d.pose());
            assertTrue(d.quality().sharpness() > 0 && d.quality().brightness() > 0);
            // ALL: face-api's age, gender and expression nets, in Rekognition's types
            assertTrue(d.ageRange().low() >= 0 && d.ageRange().high() - d.ageRange().low() >= 10, d.ageRange().toString());
            assertTrue(d.gender().value() == GenderType.MALE || d.gender().value() == GenderType.FEMALE, d.gender().toString());
            assertTrue(d.gender().confidence() >= 50 && d.gender().confidence() <= 100, d.gender().toString());
            assertEquals(7, d.emotions().size(), d.emotions().toString());
            for (int i = 0; i < d.emotions().size(); i++) {
                assertNotEquals(EmotionName.UNKNOWN_TO_SDK_VERSION, d.emotions().get(i).type(), d.emotions().toString());
                assertTrue(i == 0 || d.emotions().get(i - 1).confidence() >= d.emotions().get(i).confidence(), "most confident first");
            }
        }
        // a portrait of one person: exactly one face; DEFAULT asks for no attributes
        DemoFaces.Person p = DemoFaces.people().get(0);
        FaceDetail plain = rk.detectFaces(b -> b.image(bytes(p.portrait()))).faceDetails().get(0);
        assertEquals(1, rk.detectFaces(b -> b.image(bytes(p.portrait()))).faceDetails().size());
        assertNull(plain.ageRange());
        assertNull(plain.gender());
        assertFalse(plain.hasEmotions());
    }

    @Test
    void compareFacesTellsTheSamePersonFromDifferentPeople() throws Exception {
        List<DemoFaces.Person> people = DemoFaces.people(2);
        CompareFacesResponse same = rk.compareFaces(b -> b.sourceImage(bytes(people.get(0).portrait()))
                .targetImage(bytes(people.get(0).variant(3))));
        assertEquals(1, same.faceMatches().size());
        assertTrue(same.faceMatches().get(0).similarity() >= 80);
        assertNotNull(same.sourceImageFace().boundingBox());
        CompareFacesResponse different = rk.compareFaces(b -> b.sourceImage(bytes(people.get(0).portrait()))
                .targetImage(bytes(people.get(1).portrait())));
        assertEquals(0, different.faceMatches().size());
        assertEquals(1, different.unmatchedFaces().size());
        // with a threshold of 0 every face matches, with its (low) similarity
        CompareFacesResponse any = rk.compareFaces(b -> b.sourceImage(bytes(people.get(0).portrait()))
                .targetImage(bytes(people.get(1).portrait())).similarityThreshold(0f));
        assertTrue(any.faceMatches().get(0).similarity() < 80);
    }

    @Test
    void collectionsIndexListSearchAndDelete() throws Exception {
        List<DemoFaces.Person> people = DemoFaces.people(3);
        String id = "sdk-staff";
        var created = rk.createCollection(b -> b.collectionId(id));
        assertEquals(200, created.statusCode());
        assertTrue(created.collectionArn().endsWith(":collection/" + id), created.collectionArn());
        assertThrows(ResourceAlreadyExistsException.class, () -> rk.createCollection(b -> b.collectionId(id)));
        assertThrows(InvalidParameterException.class, () -> rk.createCollection(b -> b.collectionId("bad/name")));
        assertTrue(rk.listCollections(b -> { }).collectionIds().contains(id));

        List<String> faceIds = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            DemoFaces.Person p = people.get(i);
            IndexFacesResponse r = rk.indexFaces(b -> b.collectionId(id).image(bytes(p.portrait())).externalImageId("ext:" + p.label()));
            assertEquals(1, r.faceRecords().size(), r.toString());
            FaceRecord rec = r.faceRecords().get(0);
            assertEquals("ext:" + p.label(), rec.face().externalImageId());
            faceIds.add(rec.face().faceId());
        }
        // a group photo: every face indexed, one image id for all
        byte[] groupPhoto = photo(1);
        IndexFacesResponse group = rk.indexFaces(b -> b.collectionId(id).image(bytes(groupPhoto)).qualityFilter("NONE"));
        assertTrue(group.faceRecords().size() > 1);
        assertEquals(1, group.faceRecords().stream().map(f -> f.face().imageId()).distinct().count());
        IndexFacesResponse capped = rk.indexFaces(b -> b.collectionId(id).image(bytes(groupPhoto)).qualityFilter("NONE").maxFaces(1));
        assertEquals(1, capped.faceRecords().size());
        assertTrue(capped.unindexedFaces().stream().allMatch(u -> u.reasonsAsStrings().contains("EXCEEDS_MAX_FACES")));
        int total = 3 + group.faceRecords().size() + 1;

        DescribeCollectionResponse d = rk.describeCollection(b -> b.collectionId(id));
        assertEquals(total, d.faceCount());
        assertNotNull(d.creationTimestamp());

        // ListFaces pages through every face with the SDK's own paginator
        Set<String> listed = new HashSet<>();
        rk.listFacesPaginator(b -> b.collectionId(id).maxResults(2)).faces().forEach(f -> listed.add(f.faceId()));
        assertEquals(total, listed.size());
        assertTrue(listed.containsAll(faceIds));

        // indexed faces are found again from new pictures of the same people
        for (int i = 0; i < 3; i++) {
            DemoFaces.Person p = people.get(i);
            SearchFacesByImageResponse s = rk.searchFacesByImage(b -> b.collectionId(id).image(bytes(p.variant(7))).maxFaces(3));
            assertFalse(s.faceMatches().isEmpty(), p.label());
            assertEquals(faceIds.get(i), s.faceMatches().get(0).face().faceId());
            assertEquals("ext:" + p.label(), s.faceMatches().get(0).face().externalImageId());
            assertTrue(s.faceMatches().get(0).similarity() >= 80);
        }
        SearchFacesResponse sf = rk.searchFaces(b -> b.collectionId(id).faceId(faceIds.get(0)).faceMatchThreshold(0f));
        assertEquals(faceIds.get(0), sf.searchedFaceId());
        assertFalse(sf.faceMatches().stream().anyMatch(m -> m.face().faceId().equals(faceIds.get(0))));
        assertThrows(ResourceNotFoundException.class, () -> rk.searchFaces(b -> b.collectionId(id).faceId("00000000-0000-0000-0000-000000000000")));

        var del = rk.deleteFaces(b -> b.collectionId(id).faceIds(faceIds.get(0), "00000000-0000-0000-0000-000000000000"));
        assertEquals(List.of(faceIds.get(0)), del.deletedFaces());
        assertEquals(1, del.unsuccessfulFaceDeletions().size());
        assertEquals(total - 1, rk.describeCollection(b -> b.collectionId(id)).faceCount());
        SearchFacesByImageResponse gone = rk.searchFacesByImage(b -> b.collectionId(id).image(bytes(people.get(0).variant(8))));
        assertFalse(gone.faceMatches().stream().anyMatch(m -> m.face().faceId().equals(faceIds.get(0))));

        assertEquals(200, rk.deleteCollection(b -> b.collectionId(id)).statusCode());
        assertThrows(ResourceNotFoundException.class, () -> rk.describeCollection(b -> b.collectionId(id)));
        assertThrows(ResourceNotFoundException.class, () -> rk.deleteCollection(b -> b.collectionId(id)));
        assertThrows(ResourceNotFoundException.class, () -> rk.listFaces(b -> b.collectionId(id)));
        assertThrows(ResourceNotFoundException.class, () -> rk.indexFaces(b -> b.collectionId(id).image(bytes(people.get(0).portrait()))));
    }

    @Test
    void listCollectionsPages() {
        for (int i = 0; i < 3; i++) {
            String name = "page-" + i;
            rk.createCollection(b -> b.collectionId(name));
        }
        List<String> all = new ArrayList<>();
        rk.listCollectionsPaginator(b -> b.maxResults(1)).collectionIds().forEach(all::add);
        assertTrue(all.containsAll(List.of("default", "page-0", "page-1", "page-2")), all.toString());
        assertEquals(new HashSet<>(all).size(), all.size());
        for (int i = 0; i < 3; i++) {
            String name = "page-" + i;
            rk.deleteCollection(b -> b.collectionId(name));
        }
    }

    @Test
    void imagesFromS3ObjectsAndTheirErrors() throws Exception {
        Path bucket = data.resolve("s3").resolve("photos");
        Files.createDirectories(bucket.resolve("demo"));
        Files.write(bucket.resolve("demo/one.jpg"), photo(2));
        DetectFacesResponse r = rk.detectFaces(b -> b.image(i -> i.s3Object(o -> o.bucket("photos").name("demo/one.jpg"))));
        assertFalse(r.faceDetails().isEmpty());
        assertThrows(InvalidS3ObjectException.class,
                () -> rk.detectFaces(b -> b.image(i -> i.s3Object(o -> o.bucket("photos").name("demo/none.jpg")))));
        assertThrows(InvalidS3ObjectException.class,
                () -> rk.detectFaces(b -> b.image(i -> i.s3Object(o -> o.bucket("photos").name("../photos/demo/one.jpg")))));
    }

    @Test
    void errorsArriveAsTheSdksTypedExceptions() throws Exception {
        assertThrows(InvalidImageFormatException.class,
                () -> rk.detectFaces(b -> b.image(bytes("not an image at all".getBytes(StandardCharsets.UTF_8)))));
        assertThrows(ImageTooLargeException.class, () -> rk.detectFaces(b -> b.image(bytes(new byte[2_000_001]))));
        assertThrows(InvalidParameterException.class, () -> rk.detectFaces(b -> b.image(Image.builder().build())));
        // no face to search with
        rk.createCollection(b -> b.collectionId("empty-search"));
        byte[] blank = blankJpeg();
        assertThrows(InvalidParameterException.class,
                () -> rk.searchFacesByImage(b -> b.collectionId("empty-search").image(bytes(blank))));
        assertThrows(ResourceNotFoundException.class,
                () -> rk.searchFacesByImage(b -> b.collectionId("nowhere").image(bytes(DemoFaces.people().get(0).portrait()))));
        rk.deleteCollection(b -> b.collectionId("empty-search"));
    }

    @Test
    void aWrongSecretIsRefused() {
        try (RekognitionClient wrong = client("not-the-secret")) {
            RekognitionException e = assertThrows(RekognitionException.class, () -> wrong.listCollections(b -> { }));
            assertEquals("InvalidSignatureException", e.awsErrorDetails().errorCode());
            assertEquals(400, e.statusCode());
        }
        try (RekognitionClient unknown = RekognitionClient.builder().endpointOverride(svc.uri("/")).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDUNKNOWN", SECRET))).build()) {
            RekognitionException e = assertThrows(RekognitionException.class, () -> unknown.listCollections(b -> { }));
            assertEquals("UnrecognizedClientException", e.awsErrorDetails().errorCode());
        }
    }

    @Test
    void unsignedRequestsAreRefusedWhenKeysAreSet() throws Exception {
        java.net.http.HttpResponse<String> r = svc.send(java.net.http.HttpRequest.newBuilder(svc.uri("/"))
                .header("X-Amz-Target", "RekognitionService.ListCollections").header("Content-Type", "application/x-amz-json-1.1")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}")));
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(r.body().contains("\"__type\":\"MissingAuthenticationTokenException\""), r.body());
        // the JSON API and the seed's POST / are closed too (no API key configured, so only a signature would do)
        java.net.http.HttpResponse<String> api = svc.send(java.net.http.HttpRequest.newBuilder(svc.uri("/api/v1/collections")).GET());
        assertEquals(401, api.statusCode(), api.body());
        assertEquals(401, svc.postFile("/", "inputFile", "x.jpg", DemoFaces.people().get(0).portrait()).statusCode());
        // the web page itself still loads
        assertEquals(200, svc.send(java.net.http.HttpRequest.newBuilder(svc.uri("/")).GET()).statusCode());
    }

    private static byte[] blankJpeg() throws Exception {
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(300, 300, java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(img, "jpg", out);
        return out.toByteArray();
    }
}
