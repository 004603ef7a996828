package io.facefleet.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.facefleet.cli.Cli;
import io.facefleet.testing.RunningService;
import io.facefleet.testing.DemoFaces;
import io.facefleet.testing.SeedWorkload;
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
 * The whole system in the local profile: enrol ten people of the demo photos with the CLI (a folder
 * per person), start the service on the same data directory, then drive it over HTTP as the seed's
 * grader does, with a fresh image of a known person in every request (see SeedWorkload).
 */
class EmbeddedEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path data;
    private static RunningService service;
    @TempDir
    static Path photos;

    @BeforeAll
    static void enrolAndStart() throws Exception {
        for (DemoFaces.Person p : SeedWorkload.people()) {
            Path dir = Files.createDirectories(photos.resolve(p.label()));
            Files.write(dir.resolve("portrait.jpg"), p.portrait());
        }
        int code = Cli.run(new String[] {"enroll", "--dir", photos.toString(), "--data-dir", data.toString()},
                new PrintStream(new ByteArrayOutputStream()), System.err);
        assertEquals(0, code);
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
                String name = SeedWorkload.stem(i) + ".jpg";
                byte[] bytes = SeedWorkload.image(i);
                answers.add(pool.submit(() -> service.postFile("/", "inputFile", name, bytes)));
            }
            for (int i = 0; i < 100; i++) {
                HttpResponse<String> r = answers.get(i).get();
                assertEquals(200, r.statusCode(), r.body());
                assertEquals(SeedWorkload.stem(i) + ":" + SeedWorkload.label(i), r.body());
                assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
            }
        } finally {
            pool.shutdown();
        }
        // seed-compatible storage: input key = file name, output key = name without extension -> label
        assertTrue(Files.exists(data.resolve("input/" + SeedWorkload.stem(57) + ".jpg")));
        assertEquals(SeedWorkload.label(57), Files.readString(data.resolve("output/" + SeedWorkload.stem(57))));
        assertTrue(Files.list(data.resolve("results")).anyMatch(f -> f.getFileName().toString().endsWith(".json")), "results under request ids");
        // route statistics over JMX (camel-management)
        MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
        ObjectName route = new ObjectName("org.apache.camel:context=facefleet,type=routes,name=\"web-seed\"");
        long completed = (Long) jmx.getAttribute(route, "ExchangesCompleted");
        assertTrue(completed >= 100, "web-seed completed " + completed);
    }

    @Test
    void operatorsSeeHealthMetricsAndRouteStatisticsOverHttp() throws Exception {
        assertEquals(200, service.postFile("/", "inputFile", "test_004.jpg", SeedWorkload.image(4)).statusCode());
        HttpResponse<String> health = service.send(HttpRequest.newBuilder(service.managementUri("/observe/health")).GET());
        assertEquals(200, health.statusCode());
        assertEquals("UP", JSON.readTree(health.body()).get("status").asText());
        String metrics = service.send(HttpRequest.newBuilder(service.managementUri("/observe/metrics")).GET()).body();
        assertTrue(metrics.contains("routeId=\"web-seed\""), "Prometheus text names the seed route");
        for (String name : new String[] {"facefleet_queue_depth", "facefleet_workers", "facefleet_jobs_in_flight",
                "facefleet_batch_size_mean{net=\"descriptors\"}", "facefleet_inference_seconds_total{net=\"descriptors\"}",
                "facefleet_workers_desired", "facefleet_workers_running", "facefleet_backlog"}) {
            assertTrue(metrics.contains(name), name + " is scraped");
        }
        HttpResponse<String> ready = service.send(HttpRequest.newBuilder(service.managementUri("/observe/health/ready")).GET());
        assertTrue(ready.body().contains("\"face-engine\""), "readiness includes the face engine: " + ready.body());
        // what Hawtio reads: a route's statistics through Jolokia
        JsonNode read = JSON.readTree(service.send(HttpRequest.newBuilder(service.managementUri(
                "/observe/jolokia/read/org.apache.camel:context=facefleet,type=routes,name=%22web-seed%22/ExchangesCompleted")).GET()).body());
        assertEquals(200, read.get("status").asInt(), read.toString());
        assertTrue(read.get("value").asLong() >= 1, read.toString());
        // the scaling controller's figures over JMX: desired and running workers, backlog, the last reason
        JsonNode controller = JSON.readTree(service.send(HttpRequest.newBuilder(service.managementUri(
                "/observe/jolokia/read/io.facefleet:type=FleetController")).GET()).body());
        assertEquals(200, controller.get("status").asInt(), controller.toString());
        assertTrue(controller.at("/value/Desired").asInt() >= 1 && controller.at("/value/Running").asInt() >= 1, controller.toString());
        assertTrue(controller.at("/value/Backlog").isInt() && !controller.at("/value/LastReason").asText().isBlank(), controller.toString());
        // writing attributes is not allowed (src/main/resources/jolokia-access.xml)
        JsonNode write = JSON.readTree(service.send(HttpRequest.newBuilder(service.managementUri(
                "/observe/jolokia/write/org.apache.camel:context=facefleet,type=context,name=%22facefleet%22/Tracing/true")).GET()).body());
        assertEquals(403, write.get("status").asInt(), write.toString());
    }

    @Test
    void theJsonApiAnswersEveryFaceWithItsSubject() throws Exception {
        byte[] photo = SeedWorkload.image(7);
        HttpResponse<String> r = service.postFile("/api/v1/recognize", "inputFile", "whatever.txt", photo);
        assertEquals(200, r.statusCode(), r.body());
        JsonNode face = JSON.readTree(r.body()).get("faces").get(0);
        assertEquals(SeedWorkload.label(7), face.get("subject").asText());
        assertEquals(68, face.get("landmarks").size());
        assertTrue(face.get("distance").asDouble() < 0.6);
        HttpResponse<String> detect = service.postFile("/api/v1/detect", "inputFile", "x.jpg", photo);
        assertEquals(1, JSON.readTree(detect.body()).get("faces").size());
    }

    @Test
    void verifyTellsTheSamePersonFromADifferentOne() throws Exception {
        DemoFaces.Person person = SeedWorkload.people().get(0);
        byte[] sameA = person.variant(101);
        byte[] sameB = person.variant(202);
        byte[] other = farthestFrom(person).variant(303);
        JsonNode same = JSON.readTree(service.postFiles("/api/v1/verify", List.of(
                new RunningService.Part("first", "a.jpg", sameA), new RunningService.Part("second", "b.jpg", sameB))).body());
        JsonNode different = JSON.readTree(service.postFiles("/api/v1/verify", List.of(
                new RunningService.Part("first", "a.jpg", sameA), new RunningService.Part("second", "c.jpg", other))).body());
        assertTrue(same.get("samePerson").asBoolean(), same.toString());
        assertTrue(!different.get("samePerson").asBoolean() && different.get("distance").asDouble() > 0.6, different.toString());
        HttpResponse<String> noFace = service.postFiles("/api/v1/verify", List.of(
                new RunningService.Part("first", "a.jpg", sameA), new RunningService.Part("second", "k.png", blackPng())));
        assertEquals(422, noFace.statusCode(), noFace.body());
        assertTrue(noFace.body().contains("no face found in the second image"), noFace.body());
        HttpResponse<String> one = service.postFile("/api/v1/verify", "first", "a.jpg", sameA);
        assertEquals(400, one.statusCode());
        assertTrue(one.body().contains("'second'"), one.body());
    }

    @Test
    void subjectsCanBeEnrolledListedAndDeletedOverTheApi() throws Exception {
        byte[] face = SeedWorkload.image(9);
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
        HttpResponse<String> r = service.postFile("/", "inputFile", "../../etc/passwd.jpg", SeedWorkload.image(3));
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("passwd:" + SeedWorkload.label(3), r.body());
        assertTrue(Files.exists(data.resolve("input/passwd.jpg")));
    }

    @Test
    void aBatchJobIsAcceptedAtOnceAndItsResultsAppearInStorage() throws Exception {
        List<RunningService.Part> parts = new ArrayList<>();
        for (int i : new int[] {0, 1, 8}) {
            parts.add(new RunningService.Part("image" + i, SeedWorkload.stem(i) + ".jpg", SeedWorkload.image(i)));
        }
        parts.add(new RunningService.Part("black", "black.png", blackPng()));
        HttpResponse<String> accepted = service.postFiles("/api/v1/jobs", parts);
        assertEquals(202, accepted.statusCode(), accepted.body());
        String id = JSON.readTree(accepted.body()).get("id").asText();
        JsonNode status = null;
        for (int poll = 0; poll < 600; poll++) { // up to a minute: the answer's timing is not under test
            status = JSON.readTree(service.send(HttpRequest.newBuilder(service.uri("/api/v1/jobs/" + id)).GET()).body());
            if ("done".equals(status.get("status").asText())) {
                break;
            }
            Thread.sleep(100);
        }
        assertEquals("done", status.get("status").asText(), status.toString());
        assertEquals(4, status.get("total").asInt());
        Map<String, JsonNode> byName = new HashMap<>();
        status.get("results").forEach(r -> byName.put(r.get("name").asText(), r.get("result")));
        for (int i : new int[] {0, 1, 8}) {
            assertEquals(SeedWorkload.label(i), byName.get(SeedWorkload.stem(i) + ".jpg").get("label").asText());
        }
        assertEquals("Unknown", byName.get("black.png").get("label").asText(), "no face: the unknown label");
        assertEquals(404, service.send(HttpRequest.newBuilder(service.uri("/api/v1/jobs/" + java.util.UUID.randomUUID())).GET()).statusCode());
    }

    @Test
    void aBatchWithOneBadImageIsRefusedWholeAndStoresNothing() throws Exception {
        Files.createDirectories(data.resolve("images"));
        long before;
        try (var files = Files.list(data.resolve("images"))) {
            before = files.count();
        }
        HttpResponse<String> r = service.postFiles("/api/v1/jobs", List.of(
                new RunningService.Part("a", "test_000.jpg", SeedWorkload.image(0)),
                new RunningService.Part("b", "notes.jpg", "just text".getBytes())));
        assertEquals(415, r.statusCode(), r.body());
        assertTrue(JSON.readTree(r.body()).get("error").asText().startsWith("notes.jpg: "), r.body());
        try (var files = Files.list(data.resolve("images"))) {
            assertEquals(before, files.count());
        }
    }

    /** The person whose face is farthest from {@code one}'s by the model (people are 0.55-0.90 apart). */
    private static DemoFaces.Person farthestFrom(DemoFaces.Person one) {
        float[] a = descriptor(one);
        DemoFaces.Person far = null;
        double best = -1;
        for (DemoFaces.Person p : SeedWorkload.people()) {
            float[] b = descriptor(p);
            double d = 0;
            for (int i = 0; i < a.length; i++) {
                d += (a[i] - b[i]) * (a[i] - b[i]);
            }
            if (d > best) {
                best = d;
                far = p;
            }
        }
        return far;
    }

    private static float[] descriptor(DemoFaces.Person p) {
        return TestData.engine().analyze(new io.facefleet.engine.image.ImageDecoder().decode(p.portrait())).get(0).descriptor();
    }

    private static byte[] blackPng() throws Exception {
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(200, 200, java.awt.image.BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        javax.imageio.ImageIO.write(img, "png", out);
        return out.toByteArray();
    }
}
