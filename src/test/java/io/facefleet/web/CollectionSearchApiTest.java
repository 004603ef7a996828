package io.facefleet.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.facefleet.testing.DemoFaces;
import io.facefleet.testing.RunningService;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** POST /api/v1/collections/{collection}/search: a collection searched by image, on a worker, with its refusals. */
class CollectionSearchApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aCollectionIsSearchedByImage(@TempDir Path data) throws Exception {
        List<DemoFaces.Person> people = DemoFaces.people(3);
        try (RunningService svc = RunningService.start("facefleet.data-dir=" + data, "camel.main.name=facefleet-search-api")) {
            HttpResponse<String> created = svc.send(HttpRequest.newBuilder(svc.uri("/api/v1/collections")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"staff\"}")));
            assertEquals(201, created.statusCode(), created.body());
            for (DemoFaces.Person p : people) {
                HttpResponse<String> r = svc.postFile("/api/v1/subjects/" + p.label() + "?collection=staff", "inputFile", "p.jpg", p.portrait());
                assertEquals(200, r.statusCode(), r.body());
            }
            for (DemoFaces.Person p : people) {
                HttpResponse<String> r = svc.postFile("/api/v1/collections/staff/search?k=2", "inputFile", "q.jpg", p.variant(5));
                assertEquals(200, r.statusCode(), r.body());
                JsonNode hits = JSON.readTree(r.body()).get("hits");
                assertEquals(2, hits.size(), r.body());
                assertEquals(p.label(), hits.get(0).get("subject").asText(), r.body());
                assertTrue(hits.get(0).get("distance").asDouble() < 0.6, r.body());
                assertTrue(hits.get(0).get("distance").asDouble() <= hits.get(1).get("distance").asDouble());
            }
            assertEquals(404, svc.postFile("/api/v1/collections/nobody/search", "inputFile", "q.jpg", people.get(0).portrait()).statusCode());
            assertEquals(400, svc.postFile("/api/v1/collections/staff/search?k=0", "inputFile", "q.jpg", people.get(0).portrait()).statusCode());
            HttpResponse<String> blank = svc.postFile("/api/v1/collections/staff/search", "inputFile", "q.jpg", blankJpeg());
            assertEquals(400, blank.statusCode(), blank.body());
            assertTrue(blank.body().contains("no face"), blank.body());
        }
    }

    private static byte[] blankJpeg() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(300, 300, BufferedImage.TYPE_INT_RGB), "jpg", out);
        return out.toByteArray();
    }
}
