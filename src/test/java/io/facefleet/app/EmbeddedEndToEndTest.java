package io.facefleet.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.facefleet.cli.Cli;
import io.facefleet.testing.RunningService;
import io.facefleet.testing.TestData;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole system in the local profile: enrol the seed's ten labelled images with the CLI, start
 * the service on the same data directory, then drive it over HTTP as the seed's grader does.
 */
class EmbeddedEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path data;
    private static RunningService service;
    private static Path images;
    private static Map<String, String> truth;

    @BeforeAll
    static void enrolAndStart() throws Exception {
        images = TestData.dataset("cse546/face_images_100");
        Path csv = TestData.dataset("cse546/Classification Results on Face Dataset (100 images).csv");
        int code = Cli.run(new String[] {"enroll", "--csv", csv.toString(), "--images", images.toString(),
                "--data-dir", data.toString()}, new PrintStream(new ByteArrayOutputStream()), System.err);
        assertEquals(0, code);
        truth = new HashMap<>();
        for (String line : Files.readAllLines(csv).subList(1, 101)) {
            String[] cols = line.split(",");
            truth.put(cols[0].strip(), cols[1].strip());
        }
        service = RunningService.start("facefleet.data-dir=" + data, "facefleet.image.max-bytes=200000");
    }

    @AfterAll
    static void stop() throws Exception {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void hundredConcurrentSeedRequestsAreAllAnsweredRight() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(100);
        try {
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                String name = String.format("test_%02d.jpg", i);
                byte[] bytes = Files.readAllBytes(images.resolve(name));
                answers.add(pool.submit(() -> service.postFile("/", "inputFile", name, bytes)));
            }
            for (int i = 0; i < 100; i++) {
                HttpResponse<String> r = answers.get(i).get();
                String stem = String.format("test_%02d", i);
                assertEquals(200, r.statusCode(), r.body());
                assertEquals(stem + ":" + truth.get(stem), r.body());
                assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
            }
        } finally {
            pool.shutdown();
        }
        // seed-compatible storage: input key = file name, output key = name without extension -> label
        assertTrue(Files.exists(data.resolve("input/test_57.jpg")));
        assertEquals(truth.get("test_57"), Files.readString(data.resolve("output/test_57")));
        assertTrue(Files.exists(data.resolve("results/test_57.json")));
        // route statistics over JMX (camel-management)
        MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
        ObjectName route = new ObjectName("org.apache.camel:context=facefleet,type=routes,name=\"web-seed\"");
        long completed = (Long) jmx.getAttribute(route, "ExchangesCompleted");
        assertTrue(completed >= 100, "web-seed completed " + completed);
    }

    @Test
    void theJsonApiAnswersEveryFaceWithItsSubject() throws Exception {
        byte[] photo = Files.readAllBytes(images.resolve("test_07.jpg"));
        HttpResponse<String> r = service.postFile("/api/v1/recognize", "inputFile", "whatever.txt", photo);
        assertEquals(200, r.statusCode(), r.body());
        JsonNode face = JSON.readTree(r.body()).get("faces").get(0);
        assertEquals("Ranil", face.get("subject").asText());
        assertEquals(68, face.get("landmarks").size());
        assertTrue(face.get("distance").asDouble() < 0.6);
        HttpResponse<String> detect = service.postFile("/api/v1/detect", "inputFile", "x.jpg", photo);
        assertEquals(1, JSON.readTree(detect.body()).get("faces").size());
    }

    @Test
    void subjectsCanBeEnrolledListedAndDeletedOverTheApi() throws Exception {
        byte[] face = Files.readAllBytes(images.resolve("test_09.jpg"));
        HttpResponse<String> enrol = service.postFile("/api/v1/subjects/Someone%20Else", "inputFile", "w.jpg", face);
        assertEquals(200, enrol.statusCode(), enrol.body());
        String list = service.send(HttpRequest.newBuilder(service.uri("/api/v1/subjects")).GET()).body();
        assertTrue(list.contains("\"Someone Else\""), list);
        HttpResponse<String> del = service.send(HttpRequest.newBuilder(service.uri("/api/v1/subjects/Someone%20Else")).DELETE());
        assertEquals(204, del.statusCode());
        HttpResponse<String> again = service.send(HttpRequest.newBuilder(service.uri("/api/v1/subjects/Someone%20Else")).DELETE());
        assertEquals(404, again.statusCode());
        assertTrue(again.body().contains("no subject named"));
        HttpResponse<String> noFace = service.postFile("/api/v1/subjects/Nobody", "inputFile", "black.png", blackPng());
        assertEquals(422, noFace.statusCode(), noFace.body());
        assertTrue(noFace.body().contains("exactly one face"), noFace.body());
    }

    @Test
    void badRequestsGetClearErrorsAndStoreNothing() throws Exception {
        HttpResponse<String> missing = service.postFile("/", "wrongField", "a.jpg", new byte[] {1, 2, 3});
        assertEquals(400, missing.statusCode());
        assertTrue(missing.body().contains("inputFile"));
        HttpResponse<String> text = service.postFile("/", "inputFile", "evil.jpg", "hello, not a photo".getBytes());
        assertEquals(415, text.statusCode());
        assertTrue(text.body().contains("not an image"));
        HttpResponse<String> big = service.postFile("/", "inputFile", "big.jpg", new byte[300_000]);
        assertEquals(413, big.statusCode());
        HttpResponse<String> apiErr = service.postFile("/api/v1/recognize", "inputFile", "n.jpg", new byte[] {'%', 'P', 'D', 'F'});
        assertEquals(415, apiErr.statusCode());
        assertEquals(415, JSON.readTree(apiErr.body()).get("status").asInt());
        assertTrue(!Files.exists(data.resolve("input/evil.jpg")) && !Files.exists(data.resolve("input/big.jpg")),
                "rejected uploads are not stored");
    }

    @Test
    void uploadNamesCannotEscapeTheStorageArea() throws Exception {
        byte[] photo = Files.readAllBytes(images.resolve("test_03.jpg"));
        HttpResponse<String> r = service.postFile("/", "inputFile", "../../etc/passwd.jpg", photo);
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("passwd:German", r.body());
        assertTrue(Files.exists(data.resolve("input/passwd.jpg")));
    }

    private static byte[] blackPng() throws Exception {
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(200, 200, java.awt.image.BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        javax.imageio.ImageIO.write(img, "png", out);
        return out.toByteArray();
    }
}
