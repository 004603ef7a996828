package io.facefleet.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.facefleet.testing.AwsServers;
import io.facefleet.testing.DemoFaces;
import io.facefleet.testing.RunningService;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Every answer belongs to its own request: clients reuse file names (phones call every upload
 * {@code image.jpg}), so nothing a request reads is keyed by the name. The seed's view in storage
 * (upload under its name, label under the name without extension) is still written, and holds the
 * seed's objects and nothing else.
 */
class RequestIsolationTest {

    /** Pairs of same-named, different images sent at once. */
    private static final int PAIRS = 50;
    /** People enrolled: each pair is two of them. */
    private static final int PEOPLE = 10;

    @TempDir
    static Path localData;
    @TempDir
    static Path awsData;
    private static AwsServers aws;
    private static RunningService local;
    private static RunningService onAws;
    private static List<DemoFaces.Person> people;

    @BeforeAll
    static void start() throws Exception {
        people = DemoFaces.people(PEOPLE);
        local = RunningService.start("facefleet.data-dir=" + localData, "facefleet.engine.cache-entries=0");
        aws = AwsServers.start();
        List<String> settings = new ArrayList<>(aws.settings());
        settings.addAll(List.of("facefleet.aws.app-id=iso", "facefleet.tiers=web,app", "facefleet.data-dir=" + awsData,
                "facefleet.web.api-keys=iso-key", "facefleet.sqs.wait-time-s=1", "facefleet.engine.cache-entries=0"));
        onAws = RunningService.start(settings.toArray(String[]::new));
        onAws.useApiKey("iso-key");
        for (RunningService s : List.of(local, onAws)) {
            for (DemoFaces.Person p : people) {
                HttpResponse<String> r = s.postFile("/api/v1/subjects/" + p.label(), "inputFile", "portrait.jpg", p.portrait());
                assertEquals(200, r.statusCode(), p.label() + " on " + s.uri("/") + ": " + r.body());
            }
        }
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {local, onAws, aws}) {
            if (c != null) {
                c.close();
            }
        }
    }

    @Test
    void sameNamedDifferentImagesGetTheirOwnAnswersLocally() throws Exception {
        assertNoSwaps(local, 1_000);
    }

    @Test
    void sameNamedDifferentImagesGetTheirOwnAnswersOnAws() throws Exception {
        assertNoSwaps(onAws, 2_000);
    }

    /** 50 pairs, each two different people uploaded as image.jpg, all at once: each gets its own name back. */
    private static void assertNoSwaps(RunningService service, long seedBase) throws Exception {
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (int k = 0; k < PAIRS; k++) {
            for (DemoFaces.Person p : List.of(people.get(k % PEOPLE), people.get((k + 1 + k / PEOPLE) % PEOPLE))) {
                answers.add(service.postFileAsync("/", "inputFile", "image.jpg", p.variant(seedBase + answers.size())));
                expected.add("image:" + p.label());
            }
        }
        int swapped = 0;
        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < answers.size(); i++) {
            HttpResponse<String> r = answers.get(i).get();
            assertEquals(200, r.statusCode(), r.body());
            if (!expected.get(i).equals(r.body())) {
                swapped++;
                wrong.add(expected.get(i) + " got " + r.body());
            }
        }
        assertEquals(0, swapped, "answers that belonged to another request: " + wrong);
    }

    @Test
    void theSeedsBucketsHoldTheSeedsObjectsAndNothingElse() throws Exception {
        Path data = Files.createTempDirectory(awsData, "seed-view");
        List<String> settings = new ArrayList<>(aws.settings());
        settings.addAll(List.of("facefleet.aws.app-id=seedview", "facefleet.tiers=web,app", "facefleet.data-dir=" + data,
                "facefleet.web.api-keys=k", "facefleet.sqs.wait-time-s=1"));
        try (RunningService fresh = RunningService.start(settings.toArray(String[]::new))) {
            fresh.useApiKey("k");
            for (DemoFaces.Person p : people) {
                assertEquals(200, fresh.postFile("/api/v1/subjects/" + p.label(), "inputFile", p.label() + ".jpg", p.portrait()).statusCode());
            }
            List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
            List<String> names = new ArrayList<>();
            List<String> labels = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                DemoFaces.Person p = people.get(i % PEOPLE);
                String name = String.format("test_%02d", i);
                names.add(name);
                labels.add(p.label());
                answers.add(fresh.postFileAsync("/", "inputFile", name + ".jpg", p.variant(5_000 + i)));
            }
            for (int i = 0; i < 100; i++) {
                HttpResponse<String> r = answers.get(i).get();
                assertEquals(names.get(i) + ":" + labels.get(i), r.body());
            }
            assertEquals(names.stream().map(n -> n + ".jpg").sorted().toList(), aws.objectKeys("seedview-in-bucket"),
                    "the input bucket holds exactly the 100 uploads");
            assertEquals(names.stream().sorted().toList(), aws.objectKeys("seedview-out-bucket"),
                    "the output bucket holds exactly the 100 labels");
            for (int i = 0; i < 100; i++) {
                assertEquals(List.of(labels.get(i)), aws.writes("seedview-out-bucket", names.get(i)));
            }
            List<String> own = aws.objectKeys("seedview-data-bucket");
            assertEquals(110, own.stream().filter(k -> k.startsWith("images/")).count(), "the 110 request images in our own bucket");
            assertEquals(110, own.stream().filter(k -> k.startsWith("results/")).count(), "their 110 results");
            assertEquals(PEOPLE, own.stream().filter(k -> k.startsWith("gallery/c/") && k.contains("/log/")).count(),
                    "the enrolled faces, one log entry each in the shared gallery");
            try (SqsClient sqs = aws.sqsClient()) {
                for (String queue : List.of("seedview-req-queue", "seedview-resp-queue")) {
                    assertTrue(sqs.getQueueUrl(r -> r.queueName(queue)).queueUrl().endsWith(queue), "the seed's queue " + queue + " exists");
                }
            }
        }
    }

    @Test
    void aRefusedEnrolmentStoresNothing() throws Exception {
        DemoFaces.Person p = people.get(0);
        // a control character: refused as a subject name
        String badName = "bad%01name";
        List<String> before = storedObjects();
        List<Path> localBefore = localFiles();
        for (RunningService s : List.of(local, onAws)) {
            HttpResponse<String> r = s.postFile("/api/v1/subjects/" + badName, "inputFile", "refused.jpg", p.variant(9_999));
            assertTrue(r.statusCode() >= 400 && r.statusCode() < 500, r.statusCode() + " " + r.body());
        }
        assertEquals(before, storedObjects(), "nothing stored on S3 for the refused enrolment");
        assertEquals(localBefore, localFiles(), "nothing stored on disk for the refused enrolment");
    }

    private static List<String> storedObjects() {
        List<String> all = new ArrayList<>();
        for (String bucket : List.of("iso-in-bucket", "iso-out-bucket", "iso-data-bucket")) {
            aws.objectKeys(bucket).forEach(k -> all.add(bucket + "/" + k));
        }
        return all;
    }

    private static List<Path> localFiles() throws Exception {
        try (Stream<Path> files = Files.walk(localData)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        }
    }
}
