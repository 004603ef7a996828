package io.facefleet.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.facefleet.testing.AwsServers;
import io.facefleet.testing.DemoFaces;
import io.facefleet.testing.RunningService;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The collections API on the aws profile, across two hosts sharing one S3Proxy and ElasticMQ:
 * host A runs the web and app tiers (it enrols), host B only the web tier. A collection created
 * on A is described on B; faces enrolled through A are paged and searched by id on B; a face
 * deleted on B goes from A; a collection deleted on B answers 404 on A. Every cross-host check
 * waits for its state with a deadline.
 */
class SharedCollectionsApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path data;
    private static AwsServers aws;
    private static RunningService hostA;
    private static RunningService hostB;

    @BeforeAll
    static void start() throws Exception {
        aws = AwsServers.start();
        hostA = RunningService.start(settings("facefleet.tiers=web,app", "facefleet.web.host-id=host-a").toArray(String[]::new));
        hostB = RunningService.start(settings("facefleet.tiers=web", "facefleet.web.host-id=host-b").toArray(String[]::new));
        hostA.useApiKey("k");
        hostB.useApiKey("k");
    }

    private static List<String> settings(String... more) {
        List<String> s = new ArrayList<>(aws.settings());
        s.addAll(List.of("facefleet.aws.app-id=shared", "facefleet.data-dir=" + data, "facefleet.web.api-keys=k",
                "facefleet.sqs.wait-time-s=1"));
        s.addAll(List.of(more));
        return s;
    }

    @AfterAll
    static void stop() throws Exception {
        for (RunningService s : new RunningService[] {hostB, hostA}) {
            if (s != null) {
                s.close();
            }
        }
        if (aws != null) {
            aws.close();
        }
    }

    private static HttpResponse<String> get(RunningService svc, String path) throws Exception {
        return svc.send(HttpRequest.newBuilder(svc.uri(path)).header("X-API-Key", "k").GET());
    }

    private static HttpResponse<String> delete(RunningService svc, String path) throws Exception {
        return svc.send(HttpRequest.newBuilder(svc.uri(path)).header("X-API-Key", "k").DELETE());
    }

    /** GETs until the answer satisfies {@code done} or 20 s pass; returns the last answer. */
    private static HttpResponse<String> await(RunningService svc, String path, Predicate<HttpResponse<String>> done) throws Exception {
        long deadline = System.currentTimeMillis() + 20_000;
        HttpResponse<String> r = get(svc, path);
        while (!done.test(r) && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
            r = get(svc, path);
        }
        return r;
    }

    private static int faces(HttpResponse<String> r) {
        try {
            return r.statusCode() == 200 ? JSON.readTree(r.body()).get("faces").size() : -1;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void collectionsAreSharedByEveryHost() throws Exception {
        HttpResponse<String> created = hostA.send(HttpRequest.newBuilder(hostA.uri("/api/v1/collections")).header("X-API-Key", "k")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"staff\"}")));
        assertEquals(201, created.statusCode(), created.body());
        HttpResponse<String> described = await(hostB, "/api/v1/collections/staff", r -> r.statusCode() == 200);
        assertEquals(200, described.statusCode(), "host B knows the collection host A created: " + described.body());
        assertTrue(get(hostB, "/api/v1/collections").body().contains("\"staff\""));

        List<DemoFaces.Person> people = DemoFaces.people(3);
        for (DemoFaces.Person p : people) {
            HttpResponse<String> r = hostA.postFile("/api/v1/subjects/" + p.label() + "?collection=staff", "inputFile", p.label() + ".jpg",
                    p.portrait());
            assertEquals(200, r.statusCode(), r.body());
        }
        HttpResponse<String> page = await(hostB, "/api/v1/collections/staff/faces", r -> faces(r) == 3);
        assertEquals(3, faces(page), "host B pages the three faces enrolled through host A: " + page.body());
        JsonNode first = JSON.readTree(page.body()).get("faces").get(0);
        String id = first.get("id").asText();
        HttpResponse<String> similar = get(hostB, "/api/v1/collections/staff/faces/" + id + "/similar?k=5");
        assertEquals(200, similar.statusCode(), similar.body());
        assertEquals(2, JSON.readTree(similar.body()).get("faces").size(), "the other two faces, itself left out: " + similar.body());
        assertTrue(JSON.readTree(get(hostB, "/api/v1/collections/staff").body()).get("faces").asInt() == 3);

        assertEquals(204, delete(hostB, "/api/v1/collections/staff/faces/" + id).statusCode());
        HttpResponse<String> onA = await(hostA, "/api/v1/collections/staff/faces/" + id, r -> r.statusCode() == 404);
        assertEquals(404, onA.statusCode(), "host A no longer has the face deleted on host B: " + onA.body());
        assertEquals(2, faces(await(hostA, "/api/v1/collections/staff/faces", r -> faces(r) == 2)));

        assertEquals(204, delete(hostB, "/api/v1/collections/staff").statusCode());
        HttpResponse<String> gone = await(hostA, "/api/v1/collections/staff", r -> r.statusCode() == 404);
        assertEquals(404, gone.statusCode(), "host A no longer has the collection deleted on host B: " + gone.body());
        assertTrue(gone.body().contains("no collection named staff"), gone.body());
        assertEquals(404, get(hostA, "/api/v1/collections/staff/faces").statusCode());
    }
}
