package io.facefleet.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.facefleet.testing.DemoFaces;
import io.facefleet.testing.ImageVariants;
import io.facefleet.testing.RunningService;
import io.facefleet.testing.SeedWorkload;
import java.awt.image.BufferedImage;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Face quality through the running service: every recognised face carries its quality and the
 * bounds it misses; enrolment refuses a face below the bounds with a 422 naming the reason and
 * enrols nothing; the seed's answer to {@code POST /} keeps its format.
 */
class FaceQualityApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void enrolmentRefusesAPoorFaceAndRecognitionReportsIt(@TempDir Path data) throws Exception {
        // the first demo photo at 15 % of its light: one face found, far too dark
        BufferedImage photo = ImageIO.read(DemoFaces.photo(1).toFile());
        byte[] dark = ImageVariants.png(ImageVariants.gain(photo, 0.15f));
        try (RunningService svc = RunningService.start("facefleet.data-dir=" + data, "camel.main.name=facefleet-quality")) {
            HttpResponse<String> refused = svc.postFile("/api/v1/subjects/Shadow", "inputFile", "dark.png", dark);
            assertEquals(422, refused.statusCode(), refused.body());
            JsonNode error = JSON.readTree(refused.body());
            assertEquals(422, error.get("status").asInt());
            assertTrue(error.get("error").asText().contains("the face is not good enough to enrol: TOO_DARK (brightness 0.0"),
                    refused.body());
            HttpResponse<String> subjects = svc.send(HttpRequest.newBuilder(svc.uri("/api/v1/subjects")).GET());
            assertFalse(subjects.body().contains("Shadow"), "a refused face was enrolled: " + subjects.body());

            DemoFaces.Person person = SeedWorkload.people().get(0);
            HttpResponse<String> enrolled = svc.postFile("/api/v1/subjects/" + person.label(), "inputFile", "p.jpg", person.portrait());
            assertEquals(200, enrolled.statusCode(), enrolled.body());

            // recognition: the good face has its quality and no reason; the dark one says TOO_DARK
            JsonNode good = JSON.readTree(svc.postFile("/api/v1/recognize", "inputFile", "v.jpg", person.variant(7)).body())
                    .get("faces").get(0);
            assertEquals(person.label(), good.get("subject").asText());
            for (String field : List.of("box", "score", "landmarks", "subject", "known", "distance", "quality", "lowQuality")) {
                assertTrue(good.has(field), field + " missing from " + good);
            }
            JsonNode q = good.get("quality");
            for (String field : List.of("size", "sharpness", "brightness", "yaw", "pitch", "roll")) {
                assertTrue(q.get(field).isNumber(), field + " in " + q);
            }
            assertTrue(q.get("size").asInt() > 50 && q.get("sharpness").asDouble() > 0 && q.get("sharpness").asDouble() <= 1, q.toString());
            assertEquals(0, good.get("lowQuality").size(), good.toString());
            JsonNode poor = JSON.readTree(svc.postFile("/api/v1/recognize", "inputFile", "dark.png", dark).body()).get("faces").get(0);
            assertEquals("[\"TOO_DARK\"]", poor.get("lowQuality").toString());
            assertTrue(poor.get("quality").get("brightness").asDouble() < 0.1, poor.toString());

            // the seed's contract is untouched: one line, name:label
            HttpResponse<String> seed = svc.postFile("/", "inputFile", "test_07.jpg", person.variant(8));
            assertEquals(200, seed.statusCode());
            assertEquals("test_07:" + person.label(), seed.body());
        }
    }
}
