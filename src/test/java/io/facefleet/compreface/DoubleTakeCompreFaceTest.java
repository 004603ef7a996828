package io.facefleet.compreface;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.facefleet.testing.DemoFaces;
import io.facefleet.testing.RunningService;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CompreFace's API as Double Take calls it (requests built by {@link DoubleTakeClient}, answers
 * read as Double Take reads them by {@link DoubleTakeReading}), against the embedded service with
 * an API key configured. One service for the class; only {@link #enrolledSubjectIsRecognizedUntilDeleted}
 * enrols, so the other tests see an empty gallery.
 */
class DoubleTakeCompreFaceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "double-take-key";
    /** Double Take's recognize query in its newer releases: FACE_PLUGINS unset reads "undefined". */
    private static final Map<String, String> NEWER_QUERY = Map.of("face_plugins", "undefined", "det_prob_threshold", "0.8");
    /** Its older releases send only the threshold. */
    private static final Map<String, String> OLDER_QUERY = Map.of("det_prob_threshold", "0.8");

    @TempDir
    static Path data;
    private static RunningService svc;
    private static DoubleTakeClient doubleTake;

    @BeforeAll
    static void start() throws Exception {
        svc = RunningService.start("facefleet.data-dir=" + data, "facefleet.web.api-keys=other-key," + KEY,
                "camel.main.name=facefleet-compreface");
        doubleTake = new DoubleTakeClient(svc.uri("/"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (svc != null) {
            svc.close();
        }
    }

    @Test
    void missingOrWrongKeyIsRefusedInCompreFacesShape() throws Exception {
        byte[] photo = Files.readAllBytes(DemoFaces.photo(1));
        assertError(doubleTake.recognize(null, "a.jpg", photo, OLDER_QUERY), 401, 20);
        assertError(doubleTake.recognize("double-take-kez", "a.jpg", photo, OLDER_QUERY), 401, 10);
        assertError(doubleTake.train(null, "mallory", "a.jpg", photo), 401, 20);
        assertError(doubleTake.remove("wrong", "mallory"), 401, 10);
        assertError(doubleTake.list(null, Map.of()), 401, 20);
        // and the right key passes (no face is enrolled, so the answer has faces without subjects)
        HttpResponse<String> ok = doubleTake.recognize(KEY, "a.jpg", photo, OLDER_QUERY);
        assertEquals(200, ok.statusCode(), ok.body());
    }

    @Test
    void nonImageIsRefusedInCompreFacesShape() throws Exception {
        byte[] text = "this is not a picture\n".getBytes(StandardCharsets.UTF_8);
        JsonNode err = assertError(doubleTake.recognize(KEY, "notes.txt", text, NEWER_QUERY), 400, 21);
        assertThrowsForDoubleTake(err);
        assertError(doubleTake.train(KEY, "mallory", "notes.jpg", text), 400, 21);
        // the field is not Double Take's "file"
        assertError(svc.postFile("/api/v1/recognition/recognize", "inputFile", "a.jpg", Files.readAllBytes(DemoFaces.photo(1)),
                Map.of("x-api-key", KEY)), 400, 34);
    }

    @Test
    void pictureWithoutFaceIsCode28WhichDoubleTakeReadsAsNoFaces() throws Exception {
        HttpResponse<String> r = doubleTake.recognize(KEY, "empty-room.jpg", noFace(), NEWER_QUERY);
        JsonNode err = assertError(r, 400, 28);
        assertEquals(List.of(), DoubleTakeReading.read(err));
        // a face whose detector score is below det_prob_threshold counts as none, as in CompreFace
        assertError(doubleTake.recognize(KEY, "a.jpg", Files.readAllBytes(DemoFaces.photo(1)), Map.of("det_prob_threshold", "1.0")), 400, 28);
        assertError(doubleTake.recognize(KEY, "a.jpg", Files.readAllBytes(DemoFaces.photo(1)), Map.of("det_prob_threshold", "eight")), 400, 26);
        assertError(doubleTake.recognize(KEY, "a.jpg", Files.readAllBytes(DemoFaces.photo(1)), Map.of("prediction_count", "0")), 400, 12);
    }

    @Test
    void enrolledSubjectIsRecognizedUntilDeleted() throws Exception {
        DemoFaces.Person alice = DemoFaces.people().get(0);
        byte[] photo = Files.readAllBytes(DemoFaces.photo(alice.photo()));

        // before: every face of the photo is unknown, with empty subjects
        JsonNode before = ok(doubleTake.recognize(KEY, "before.jpg", photo, NEWER_QUERY), 200);
        assertTrue(before.get("result").size() >= 1, before.toString());
        before.get("result").forEach(f -> assertEquals(0, f.get("subjects").size(), before.toString()));
        assertTrue(DoubleTakeReading.read(before).stream().allMatch(s -> s.name().equals("unknown")));

        // train: 201 {image_id, subject}
        JsonNode trained = ok(doubleTake.train(KEY, "Alice", "alice-1.jpg", alice.portrait()), 201);
        assertEquals("Alice", trained.get("subject").asText());
        String imageId = trained.get("image_id").asText();
        assertEquals(36, imageId.length(), trained.toString());

        // recognize the whole demo photo: the face at alice's place is Alice, a match for Double Take
        for (Map<String, String> query : List.of(NEWER_QUERY, OLDER_QUERY)) {
            JsonNode answer = ok(doubleTake.recognize(KEY, "frigate-snapshot.jpg", photo, query), 200);
            assertTrue(answer.get("plugins_versions").isObject(), answer.toString());
            JsonNode face = faceAt(answer, alice);
            JsonNode box = face.get("box");
            for (String k : List.of("x_min", "y_min", "x_max", "y_max")) {
                assertTrue(box.get(k).isInt(), "pixel coordinates are whole numbers: " + box);
            }
            assertTrue(box.get("probability").asDouble() >= 0.8 && box.get("probability").asDouble() <= 1, box.toString());
            JsonNode first = face.get("subjects").get(0);
            assertEquals("Alice", first.get("subject").asText(), answer.toString());
            double similarity = first.get("similarity").asDouble();
            assertTrue(similarity >= 0.6 && similarity <= 1, "a match by Double Take's default bar: " + answer);
            DoubleTakeReading.Seen seen = DoubleTakeReading.read(answer).stream().filter(s -> s.name().equals("alice")).findFirst().orElseThrow();
            assertTrue(seen.match(), seen.toString());
        }

        // the list pages show the example
        JsonNode list = ok(doubleTake.list(KEY, Map.of("page", "0", "size", "10")), 200);
        assertEquals(1, list.get("total_elements").asInt(), list.toString());
        assertEquals(imageId, list.get("faces").get(0).get("image_id").asText());
        assertEquals("Alice", list.get("faces").get(0).get("subject").asText());

        // remove: {"deleted": 1}, then Alice is unknown again
        JsonNode deleted = ok(doubleTake.remove(KEY, "Alice"), 200);
        assertEquals(1, deleted.get("deleted").asInt(), deleted.toString());
        JsonNode after = ok(doubleTake.recognize(KEY, "after.jpg", photo, NEWER_QUERY), 200);
        assertEquals(0, faceAt(after, alice).get("subjects").size(), after.toString());
        assertEquals(0, ok(doubleTake.remove(KEY, "Alice"), 200).get("deleted").asInt(), "nothing left to delete");
        assertEquals(0, ok(doubleTake.list(KEY, Map.of()), 200).get("total_elements").asInt());
    }

    @Test
    void limitKeepsTheLargestFacesAndPluginsAddLandmarksAndPose() throws Exception {
        byte[] photo = Files.readAllBytes(DemoFaces.photo(1));
        JsonNode all = ok(doubleTake.recognize(KEY, "a.jpg", photo, Map.of()), 200);
        assertTrue(all.get("result").size() >= 2, "the demo photo shows several faces: " + all);
        JsonNode one = ok(doubleTake.recognize(KEY, "a.jpg", photo, Map.of("limit", "1", "face_plugins", "landmarks, pose,age",
                "status", "true")), 200);
        assertEquals(1, one.get("result").size(), one.toString());
        JsonNode face = one.get("result").get(0);
        assertEquals(all.get("result").get(0).get("box"), face.get("box"), "limit keeps the largest face");
        JsonNode box = face.get("box");
        JsonNode points = face.get("landmarks");
        assertEquals(5, points.size(), face.toString());
        for (JsonNode p : points) {
            assertTrue(p.get(0).asInt() >= box.get("x_min").asInt() && p.get(0).asInt() <= box.get("x_max").asInt()
                    && p.get(1).asInt() >= box.get("y_min").asInt() && p.get(1).asInt() <= box.get("y_max").asInt(), "inside the box: " + face);
        }
        assertTrue(points.get(0).get(0).asInt() < points.get(1).get(0).asInt(), "the image-left eye first: " + points);
        assertTrue(face.get("pose").get("yaw").isNumber() && face.get("pose").get("pitch").isNumber() && face.get("pose").get("roll").isNumber(),
                face.toString());
        assertTrue(face.get("execution_time").get("detector").isNumber(), face.toString());
        assertFalse(face.has("age"), "no age plugin here: the slug is ignored");
        assertTrue(one.get("plugins_versions").has("landmarks") && one.get("plugins_versions").has("pose"), one.toString());
        assertFalse(all.get("result").get(0).has("landmarks"), "no plugins asked, none given");
    }

    @Test
    void deleteWithoutSubjectIsRefusedAndTrainNeedsOne() throws Exception {
        HttpResponse<String> r = doubleTake.remove(KEY, "");
        assertError(r, 400, 33);
        assertError(doubleTake.train(KEY, "", "a.jpg", Files.readAllBytes(DemoFaces.photo(1))), 400, 33);
        assertError(doubleTake.train(KEY, "a/b", "a.jpg", Files.readAllBytes(DemoFaces.photo(1))), 400, 36);
    }

    @Test
    void exampleWithoutOrWithSeveralFacesIsRefusedWithCompreFacesCodes() throws Exception {
        assertError(doubleTake.train(KEY, "Nobody", "wall.jpg", noFace()), 400, 28);
        JsonNode group = ok(doubleTake.recognize(KEY, "group.jpg", Files.readAllBytes(DemoFaces.photo(1)), Map.of()), 200);
        assertTrue(group.get("result").size() >= 2, group.toString());
        assertError(doubleTake.train(KEY, "Crowd", "group.jpg", Files.readAllBytes(DemoFaces.photo(1))), 400, 31);
        assertEquals(0, ok(doubleTake.list(KEY, Map.of("subject", "Crowd")), 200).get("total_elements").asInt(), "nothing enrolled");
    }

    /** The face of the answer whose box holds the person's face centre. */
    private static JsonNode faceAt(JsonNode answer, DemoFaces.Person p) {
        for (JsonNode f : answer.get("result")) {
            JsonNode b = f.get("box");
            if (b.get("x_min").asInt() <= p.cx() && p.cx() <= b.get("x_max").asInt() && b.get("y_min").asInt() <= p.cy()
                    && p.cy() <= b.get("y_max").asInt()) {
                return f;
            }
        }
        throw new AssertionError("no face at " + p.cx() + "," + p.cy() + " in " + answer);
    }

    private static JsonNode ok(HttpResponse<String> r, int status) throws Exception {
        assertEquals(status, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), r.headers().toString());
        return JSON.readTree(r.body());
    }

    /** CompreFace's error shape: the status, {"message": non-blank, "code": N}, nothing else. */
    private static JsonNode assertError(HttpResponse<String> r, int status, int code) throws Exception {
        assertEquals(status, r.statusCode(), r.body());
        JsonNode err = JSON.readTree(r.body());
        assertEquals(code, err.path("code").asInt(-1), r.body());
        assertTrue(err.path("message").isTextual() && !err.get("message").asText().isBlank(), r.body());
        assertEquals(2, err.size(), r.body());
        return err;
    }

    private static void assertThrowsForDoubleTake(JsonNode err) {
        try {
            DoubleTakeReading.read(err);
        } catch (IllegalStateException e) {
            assertFalse(e.getMessage().isBlank());
            return;
        }
        throw new AssertionError("Double Take shows an error answer as its message: " + err);
    }

    /** A picture of an empty wall: a soft gradient, no face. */
    private static byte[] noFace() throws Exception {
        BufferedImage img = new BufferedImage(320, 240, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setPaint(new GradientPaint(0, 0, new Color(200, 190, 170), 320, 240, new Color(120, 110, 100)));
        g.fillRect(0, 0, 320, 240);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "jpg", out);
        return out.toByteArray();
    }
}
