package io.facefleet.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.facefleet.testing.DemoFaces;
import io.facefleet.testing.RunningService;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The collections API over HTTP on the embedded profile: CRUD, paging, similar faces, 404s and the limits' refusals. */
class CollectionsApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static HttpResponse<String> get(RunningService svc, String path) throws Exception {
        return svc.send(HttpRequest.newBuilder(svc.uri(path)).GET());
    }

    private static HttpResponse<String> delete(RunningService svc, String path) throws Exception {
        return svc.send(HttpRequest.newBuilder(svc.uri(path)).DELETE());
    }

    private static HttpResponse<String> create(RunningService svc, String name) throws Exception {
        return svc.send(HttpRequest.newBuilder(svc.uri("/api/v1/collections")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.createObjectNode().put("name", name).toString())));
    }

    private static HttpResponse<String> enrol(RunningService svc, String subject, String collection, byte[] image) throws Exception {
        return svc.postFile("/api/v1/subjects/" + subject + (collection == null ? "" : "?collection=" + collection), "inputFile", "p.jpg", image);
    }

    private static void assertError(HttpResponse<String> r, int status, String text) throws Exception {
        assertEquals(status, r.statusCode(), r.body());
        JsonNode err = JSON.readTree(r.body());
        assertEquals(status, err.get("status").asInt());
        assertTrue(err.get("error").asText().contains(text), r.body());
    }

    @Test
    void collectionsFacesAndSubjectsWithTheirRefusals(@TempDir Path data) throws Exception {
        List<DemoFaces.Person> people = DemoFaces.people();
        try (RunningService svc = RunningService.start("facefleet.data-dir=" + data, "camel.main.name=facefleet-collections",
                "facefleet.gallery.max-faces=3", "facefleet.gallery.max-collections=3", "facefleet.gallery.max-name-length=10",
                "facefleet.gallery.page.max=5")) {
            // create, refuse, list
            assertEquals(201, create(svc, "staff").statusCode());
            assertError(create(svc, "staff"), 409, "exists already");
            assertError(create(svc, "a/b"), 400, "a collection name must not contain");
            assertError(create(svc, "x".repeat(11)), 400, "at most 10 characters");
            assertError(svc.send(HttpRequest.newBuilder(svc.uri("/api/v1/collections")).POST(HttpRequest.BodyPublishers.ofString("nope"))),
                    400, "the body is JSON");
            assertEquals(201, create(svc, "guests").statusCode());
            assertError(create(svc, "more"), 409, "facefleet.gallery.max-collections");
            JsonNode list = JSON.readTree(get(svc, "/api/v1/collections").body()).get("collections");
            assertEquals(Set.of("default", "guests", "staff"), names(list));

            // enrol into a named collection (through a worker), up to its limit
            assertError(enrol(svc, "Someone", "nobody", people.get(0).portrait()), 404, "no collection named nobody");
            String first = null;
            for (int i = 0; i < 3; i++) {
                HttpResponse<String> r = enrol(svc, people.get(i % 2).label(), "staff", people.get(i % 2).variant(i));
                assertEquals(200, r.statusCode(), r.body());
                first = first == null ? JSON.readTree(r.body()).get("exampleId").asText() : first;
            }
            assertError(enrol(svc, people.get(2).label(), "staff", people.get(2).portrait()), 409, "facefleet.gallery.max-faces");
            JsonNode staff = JSON.readTree(get(svc, "/api/v1/collections/staff").body());
            assertEquals(3, staff.get("faces").asInt());
            assertEquals(2, staff.get("subjects").asInt());
            assertEquals(0, JSON.readTree(get(svc, "/api/v1/collections/default").body()).get("faces").asInt(), "the default one is apart");

            // paging with an opaque token, each face once
            JsonNode page1 = JSON.readTree(get(svc, "/api/v1/collections/staff/faces?limit=2").body());
            assertEquals(2, page1.get("faces").size());
            String next = page1.get("next").asText();
            JsonNode page2 = JSON.readTree(get(svc, "/api/v1/collections/staff/faces?limit=2&after=" + URLEncoder.encode(next, StandardCharsets.UTF_8)).body());
            assertEquals(1, page2.get("faces").size());
            assertTrue(page2.get("next").isNull());
            Set<String> ids = new HashSet<>();
            page1.get("faces").forEach(f -> ids.add(f.get("id").asText()));
            page2.get("faces").forEach(f -> ids.add(f.get("id").asText()));
            assertEquals(3, ids.size());
            assertError(get(svc, "/api/v1/collections/staff/faces?limit=6"), 400, "limit is from 1 to 5");
            assertError(get(svc, "/api/v1/collections/staff/faces?after=bogus"), 400, "page token");

            // one face, similar faces, 404s
            JsonNode face = JSON.readTree(get(svc, "/api/v1/collections/staff/faces/" + first).body());
            assertEquals(people.get(0).label(), face.get("subject").asText());
            assertError(get(svc, "/api/v1/collections/staff/faces/no-such-face"), 404, "no face with id no-such-face in collection staff");
            JsonNode similar = JSON.readTree(get(svc, "/api/v1/collections/staff/faces/" + first + "/similar?k=5").body()).get("faces");
            assertEquals(2, similar.size());
            for (JsonNode h : similar) {
                assertNotEquals(first, h.get("id").asText());
            }
            assertEquals(people.get(0).label(), similar.get(0).get("subject").asText(), "the same person's other photo is nearest");
            assertTrue(similar.get(0).get("distance").asDouble() < 0.6);
            assertError(get(svc, "/api/v1/collections/staff/faces/no-such-face/similar"), 404, "no face with id");
            assertError(get(svc, "/api/v1/collections/nobody/faces"), 404, "no collection named nobody");

            // subjects, paged; deletes
            JsonNode subjects = JSON.readTree(get(svc, "/api/v1/collections/staff/subjects?limit=1").body());
            assertEquals(1, subjects.get("subjects").size());
            assertTrue(subjects.get("next").isTextual());
            assertError(delete(svc, "/api/v1/collections/staff/subjects/Nobody"), 404, "no subject named Nobody in collection staff");
            assertEquals(204, delete(svc, "/api/v1/collections/staff/subjects/" + people.get(1).label()).statusCode());
            assertEquals(204, delete(svc, "/api/v1/collections/staff/faces/" + first).statusCode());
            assertError(delete(svc, "/api/v1/collections/staff/faces/" + first), 404, "no face with id");
            assertEquals(1, JSON.readTree(get(svc, "/api/v1/collections/staff").body()).get("faces").asInt());

            // the old subjects API is the default collection
            assertEquals(200, enrol(svc, people.get(0).label(), null, people.get(0).portrait()).statusCode());
            JsonNode dflt = JSON.readTree(get(svc, "/api/v1/collections/default/subjects").body()).get("subjects");
            assertEquals(people.get(0).label(), dflt.get(0).get("name").asText());
            assertEquals(1, JSON.readTree(get(svc, "/api/v1/subjects").body()).get("subjects").size());

            assertError(delete(svc, "/api/v1/collections/default"), 409, "cannot be deleted");
            assertEquals(204, delete(svc, "/api/v1/collections/staff").statusCode());
            assertError(get(svc, "/api/v1/collections/staff"), 404, "no collection named staff");
            assertError(delete(svc, "/api/v1/collections/staff"), 404, "no collection named staff");
        }
    }

    @Test
    void theCollectionsApiAsksForTheApiKeyToo(@TempDir Path data) throws Exception {
        try (RunningService svc = RunningService.start("facefleet.data-dir=" + data, "camel.main.name=facefleet-collections-keys",
                "facefleet.web.api-keys=k1")) {
            assertEquals(401, get(svc, "/api/v1/collections").statusCode());
            assertEquals(401, delete(svc, "/api/v1/collections/default/subjects/x").statusCode());
            assertEquals(200, svc.send(HttpRequest.newBuilder(svc.uri("/api/v1/collections")).header("X-API-Key", "k1").GET()).statusCode());
        }
    }

    private static Set<String> names(JsonNode arr) {
        Set<String> out = new HashSet<>();
        arr.forEach(n -> out.add(n.get("name").asText()));
        return out;
    }
}
