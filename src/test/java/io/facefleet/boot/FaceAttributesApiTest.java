package io.facefleet.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.facefleet.testing.DemoFaces;
import io.facefleet.testing.RunningService;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Face attributes through the running service: recognize and detect add them per face when the
 * {@code attributes} parameter asks, only the parts asked; an unknown name is a 400 saying so;
 * and a request that asks for none runs neither attribute net (the service's own Prometheus
 * counters of faces through each net stay at zero).
 */
class FaceAttributesApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> EXPRESSIONS = List.of("neutral", "happy", "sad", "angry", "fearful", "disgusted", "surprised");

    @Test
    void attributesAreServedOnlyWhenAskedAndOnlyThenCostAForwardPass(@TempDir Path data) throws Exception {
        byte[] photo = Files.readAllBytes(DemoFaces.photo(1));
        try (RunningService svc = RunningService.start("facefleet.data-dir=" + data, "camel.main.name=facefleet-attributes")) {
            JsonNode plain = faces(svc, "/api/v1/recognize", photo);
            assertTrue(plain.size() >= 1, plain.toString());
            plain.forEach(f -> assertFalse(f.has("attributes"), "none asked, none given: " + f));
            faces(svc, "/api/v1/detect", photo).forEach(f -> assertFalse(f.has("attributes"), f.toString()));
            assertEquals(0, facesThrough(svc, "age-gender"), "the age/gender net ran for requests that asked for no attributes");
            assertEquals(0, facesThrough(svc, "expressions"), "the expression net ran for requests that asked for no attributes");

            JsonNode full = faces(svc, "/api/v1/recognize?attributes=age,gender,expression", photo);
            assertEquals(plain.size(), full.size());
            for (JsonNode f : full) {
                assertTrue(f.has("subject") && f.has("landmarks"), "still a recognition answer: " + f);
                assertTrue(f.has("attributes"), "attributes asked, none given: " + f);
                JsonNode a = f.get("attributes");
                assertEquals(Set.of("age", "gender", "genderProbability", "expression", "expressions"), keys(a), a.toString());
                assertTrue(a.get("age").asDouble() > 5 && a.get("age").asDouble() < 80, a.toString());
                assertTrue(Set.of("male", "female").contains(a.get("gender").asText()), a.toString());
                assertTrue(a.get("genderProbability").asDouble() >= 0.5 && a.get("genderProbability").asDouble() <= 1, a.toString());
                assertEquals(new TreeSet<>(EXPRESSIONS), new TreeSet<>(keys(a.get("expressions"))), a.toString());
                double sum = 0;
                String best = null;
                for (String e : EXPRESSIONS) {
                    double p = a.get("expressions").get(e).asDouble();
                    sum += p;
                    best = best == null || p > a.get("expressions").get(best).asDouble() ? e : best;
                }
                assertEquals(1.0, sum, 1e-3, a.toString());
                assertEquals(best, a.get("expression").asText(), "the most probable expression: " + a);
            }
            assertEquals(full.size(), facesThrough(svc, "age-gender"), "one age/gender pass per face");
            assertEquals(full.size(), facesThrough(svc, "expressions"), "one expression pass per face");

            JsonNode all = faces(svc, "/api/v1/recognize?attributes=all", photo);
            for (int i = 0; i < all.size(); i++) {
                assertEquals(full.get(i).get("attributes"), all.get(i).get("attributes"), "all is age,gender,expression");
            }

            JsonNode detected = faces(svc, "/api/v1/detect?attributes=expression", photo);
            assertEquals(plain.size(), detected.size());
            for (JsonNode f : detected) {
                assertEquals(Set.of("box", "score", "attributes"), keys(f), "detect's boxes and scores, and what was asked: " + f);
                assertEquals(Set.of("expression", "expressions"), keys(f.get("attributes")), "only what was asked: " + f);
            }

            // the parameter given twice counts both
            for (JsonNode f : faces(svc, "/api/v1/detect?attributes=age&attributes=gender", photo)) {
                assertEquals(Set.of("age", "gender", "genderProbability"), keys(f.get("attributes")), f.toString());
            }

            HttpResponse<String> bad = svc.postFile("/api/v1/recognize?attributes=age,height", "inputFile", "p.jpg", photo);
            assertEquals(400, bad.statusCode(), bad.body());
            JsonNode error = JSON.readTree(bad.body());
            assertEquals(400, error.get("status").asInt());
            assertEquals("attributes: unknown attribute 'height': ask for age,gender,expression or all, comma-separated",
                    error.get("error").asText());
            assertEquals(400, svc.postFile("/api/v1/detect?attributes=mood", "inputFile", "p.jpg", photo).statusCode());
        }
    }

    private static JsonNode faces(RunningService svc, String path, byte[] photo) throws Exception {
        HttpResponse<String> r = svc.postFile(path, "inputFile", "photo.jpg", photo);
        assertEquals(200, r.statusCode(), path + ": " + r.body());
        return JSON.readTree(r.body()).get("faces");
    }

    private static Set<String> keys(JsonNode n) {
        Set<String> out = new TreeSet<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }

    /** The service's counter of faces through one net, from its Prometheus text. */
    private static long facesThrough(RunningService svc, String net) throws Exception {
        String metrics = svc.send(HttpRequest.newBuilder(svc.managementUri("/observe/metrics")).GET()).body();
        Matcher m = Pattern.compile("facefleet_inference_faces_total\\{net=\"" + Pattern.quote(net) + "\"} ([0-9.eE+]+)")
                .matcher(metrics);
        assertTrue(m.find(), "no counter of faces through " + net + " in the metrics");
        return (long) Double.parseDouble(m.group(1));
    }
}
