package io.facefleet.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.facefleet.testing.RunningService;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.camel.Route;
import org.apache.camel.component.platform.http.PlatformHttpEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The served OpenAPI document and the running API agree: operations, statuses, error shape. */
class OpenApiContractTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void documentAndRunningApiAgree(@TempDir Path data) throws Exception {
        try (RunningService svc = RunningService.start("facefleet.data-dir=" + data, "camel.main.name=facefleet-openapi")) {
            HttpResponse<String> served = svc.send(HttpRequest.newBuilder(svc.uri("/api/v1/openapi.json")).GET());
            assertEquals(200, served.statusCode());
            JsonNode doc = JSON.readTree(served.body());

            Set<String> documented = new TreeSet<>();
            doc.get("paths").fields().forEachRemaining(p -> p.getValue().fieldNames().forEachRemaining(m -> {
                if (!m.equals("parameters")) {
                    documented.add(m.toUpperCase(Locale.ROOT) + " " + p.getKey());
                }
            }));
            Set<String> running = new TreeSet<>();
            for (Route r : svc.context().getRoutes()) {
                if (r.getEndpoint() instanceof PlatformHttpEndpoint e && e.getPath().startsWith("/api/v1")) {
                    running.add(e.getHttpMethodRestrict() + " " + e.getPath());
                }
            }
            assertEquals(documented, running, "operations in the document vs routes of the running API");

            // every upload operation refuses a body without its image with a documented 400 of the error shape
            for (String op : documented) {
                String[] mp = op.split(" ");
                JsonNode responses = doc.get("paths").get(mp[1]).get(mp[0].toLowerCase(Locale.ROOT)).get("responses");
                String path = mp[1].replace("{subject}", "Someone").replace("{id}", UUID.randomUUID().toString())
                        .replace("{collection}", "default").replace("{face}", UUID.randomUUID().toString());
                HttpResponse<String> r;
                if (mp[0].equals("POST")) {
                    r = svc.postFile(path, "not-the-field", "x.txt", new byte[] {1});
                    if (mp[1].equals("/api/v1/jobs")) {
                        r = svc.send(HttpRequest.newBuilder(svc.uri(path)).header("Content-Type", "multipart/form-data; boundary=x")
                                .POST(HttpRequest.BodyPublishers.ofString("--x--\r\n")));
                    }
                } else if (mp[0].equals("DELETE")) {
                    r = svc.send(HttpRequest.newBuilder(svc.uri(path)).DELETE());
                } else {
                    r = svc.send(HttpRequest.newBuilder(svc.uri(path)).GET());
                }
                String status = String.valueOf(r.statusCode());
                assertTrue(responses.has(status), op + " answered " + status + ", not in the document: " + r.body());
                if (r.statusCode() >= 400 && mp[1].startsWith("/api/v1/recognition/")) {
                    // CompreFace's subset answers in CompreFace's error shape
                    JsonNode err = JSON.readTree(r.body());
                    assertTrue(err.get("code").isInt(), op + ": " + r.body());
                    assertTrue(err.get("message").isTextual() && !err.get("message").asText().isBlank(), op + ": " + r.body());
                } else if (r.statusCode() >= 400) {
                    JsonNode err = JSON.readTree(r.body());
                    assertEquals(r.statusCode(), err.get("status").asInt(), op + ": " + r.body());
                    assertTrue(err.get("error").isTextual() && !err.get("error").asText().isBlank(), op + ": " + r.body());
                }
            }
        }
    }
}
