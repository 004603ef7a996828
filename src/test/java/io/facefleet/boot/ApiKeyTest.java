package io.facefleet.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.facefleet.testing.RunningService;
import io.facefleet.testing.DemoFaces;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With API keys configured, every HTTP request needs one of them. */
class ApiKeyTest {

    @Test
    void requestsWithoutAValidKeyAreRefusedWith401(@TempDir Path data) throws Exception {
        byte[] photo = Files.readAllBytes(DemoFaces.photo(1));
        try (RunningService svc = RunningService.start("facefleet.data-dir=" + data,
                "facefleet.web.api-keys=first-key, second-key", "camel.main.name=facefleet-keys")) {
            HttpResponse<String> none = svc.postFile("/", "inputFile", "test_00.jpg", photo);
            assertEquals(401, none.statusCode());
            assertTrue(none.body().contains("X-API-Key"), none.body());
            assertEquals(200, svc.send(HttpRequest.newBuilder(svc.uri("/")).GET()).statusCode(), "the page loads without a key");
            svc.useApiKey("first-kez");
            HttpResponse<String> wrong = svc.postFile("/api/v1/recognize", "inputFile", "test_00.jpg", photo);
            assertEquals(401, wrong.statusCode());
            assertTrue(wrong.body().contains("not valid"), wrong.body());
            assertEquals(401, svc.send(HttpRequest.newBuilder(svc.uri("/api/v1/subjects")).GET()).statusCode());
            svc.useApiKey("second-key");
            HttpResponse<String> ok = svc.postFile("/", "inputFile", "test_00.jpg", photo);
            assertEquals(200, ok.statusCode(), ok.body());
            assertEquals("test_00:Unknown", ok.body(), "nobody enrolled in this data directory");
            assertEquals(200, svc.send(HttpRequest.newBuilder(svc.uri("/api/v1/subjects"))
                    .header("X-API-Key", "first-key").GET()).statusCode());
        }
    }
}
