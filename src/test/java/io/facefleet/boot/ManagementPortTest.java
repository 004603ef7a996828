package io.facefleet.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.facefleet.testing.DemoFaces;
import io.facefleet.testing.RunningService;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.apache.camel.ServiceStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The management port (Jolokia on the management server) changes nothing: without the
 * management login every Jolokia request is refused with 401; with it, reading works and every
 * operation or write is refused (Jolokia is read-only); a page from a foreign origin gets
 * nothing even with the login; after each attempt the service still answers.
 */
class ManagementPortTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONTEXT = "facefleet-mgmt";
    private static final String ROUTE = "org.apache.camel:context=" + CONTEXT + ",type=routes,name=\"web-seed\"";
    private static final String CAMEL = "org.apache.camel:context=" + CONTEXT + ",type=context,name=\"" + CONTEXT + "\"";
    private static final String HOTSPOT = "com.sun.management:type=HotSpotDiagnostic";
    private static final String USER = "ops";
    private static final String PASSWORD = "mgmt-test-password";

    @TempDir
    static Path dir;
    private static RunningService service;
    private static Path heapDump;
    private static byte[] photo;

    @BeforeAll
    static void start() throws Exception {
        heapDump = dir.resolve("facefleet.hprof");
        photo = Files.readAllBytes(DemoFaces.photo(1));
        service = RunningService.start("facefleet.data-dir=" + dir.resolve("data"), "camel.main.name=" + CONTEXT,
                "facefleet.management.username=" + USER, "facefleet.management.password=" + PASSWORD);
    }

    @AfterAll
    static void stop() throws Exception {
        if (service != null) {
            service.close();
        }
    }

    /** One state-changing Jolokia request, in its GET (URL) and POST (JSON) forms. */
    private record Attempt(String what, String getPath, String postJson) {
    }

    private static List<Attempt> attempts() {
        String hprof = heapDump.toString();
        return List.of(
                exec("stop the seed route", ROUTE, "stop()", List.of()),
                exec("suspend the seed route", ROUTE, "suspend()", List.of()),
                exec("suspend the Camel context", CAMEL, "suspend()", List.of()),
                exec("stop the Camel context", CAMEL, "stop()", List.of()),
                exec("send a message to an endpoint", CAMEL, "sendBody(java.lang.String,java.lang.Object)",
                        List.of("log:management-test", "hello")),
                exec("dump the heap", HOTSPOT, "dumpHeap(java.lang.String,boolean)", List.of(hprof, "true")),
                new Attempt("turn tracing on (write)", "/write/" + path(CAMEL) + "/Tracing/true",
                        "{\"type\":\"write\",\"mbean\":" + quote(CAMEL) + ",\"attribute\":\"Tracing\",\"value\":true}"));
    }

    private static Attempt exec(String what, String mbean, String operation, List<String> args) {
        StringBuilder get = new StringBuilder("/exec/" + path(mbean) + "/" + operation);
        List<String> quoted = new ArrayList<>();
        for (String a : args) {
            get.append('/').append(a.replace("/", "!/"));
            quoted.add(quote(a));
        }
        String post = "{\"type\":\"exec\",\"mbean\":" + quote(mbean) + ",\"operation\":" + quote(operation)
                + ",\"arguments\":[" + String.join(",", quoted) + "]}";
        return new Attempt(what, get.toString(), post);
    }

    /** An MBean name as a Jolokia GET path element (quotes percent-encoded). */
    private static String path(String mbean) {
        return mbean.replace("\"", "%22");
    }

    private static String quote(String s) {
        try {
            return JSON.writeValueAsString(s);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static HttpResponse<String> get(String jolokiaPath, String authorization, String origin) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(service.managementUri("/observe/jolokia" + jolokiaPath)).GET();
        return service.send(headers(b, authorization, origin));
    }

    private static HttpResponse<String> post(String json, String authorization, String origin) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(service.managementUri("/observe/jolokia/"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        return service.send(headers(b, authorization, origin));
    }

    private static HttpRequest.Builder headers(HttpRequest.Builder b, String authorization, String origin) {
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        if (origin != null) {
            b.header("Origin", origin);
        }
        return b;
    }

    /** The service still serves: routes and context started, POST / with a photo answers, health is up. */
    private static void stillServing(String after) throws Exception {
        assertEquals(ServiceStatus.Started, service.context().getStatus(), "context after: " + after);
        assertEquals(ServiceStatus.Started, service.context().getRouteController().getRouteStatus("web-seed"), "web-seed after: " + after);
        HttpResponse<String> seed = service.postFile("/", "inputFile", "sample1.jpg", photo);
        assertEquals(200, seed.statusCode(), "POST / after: " + after + ": " + seed.body());
        assertTrue(seed.body().startsWith("sample1:"), seed.body());
        HttpResponse<String> health = service.send(HttpRequest.newBuilder(service.uri("/api/v1/health")).GET());
        assertEquals(200, health.statusCode(), "health after: " + after + ": " + health.body());
        assertFalse(Files.exists(heapDump), "no heap dump after: " + after);
    }

    @Test
    void withoutTheLoginEveryJolokiaRequestIsRefused() throws Exception {
        for (String authorization : new String[] {null, basic(USER, "wrong-password"), basic("someone", PASSWORD)}) {
            for (Attempt a : attempts()) {
                String who = (authorization == null ? "no login" : "a wrong login") + ": " + a.what();
                assertEquals(401, get(a.getPath(), authorization, null).statusCode(), "GET " + who);
                stillServing("GET " + who);
                assertEquals(401, post(a.postJson(), authorization, null).statusCode(), "POST " + who);
                stillServing("POST " + who);
            }
            assertEquals(401, get("/read/" + path(ROUTE) + "/ExchangesCompleted", authorization, null).statusCode(), "reading needs the login too");
        }
    }

    @Test
    void withTheLoginOperationsAndWritesAreRefused() throws Exception {
        String login = basic(USER, PASSWORD);
        for (Attempt a : attempts()) {
            assertForbidden(get(a.getPath(), login, null), "GET " + a.what());
            stillServing("GET with the login: " + a.what());
            assertForbidden(post(a.postJson(), login, null), "POST " + a.what());
            stillServing("POST with the login: " + a.what());
        }
    }

    private static void assertForbidden(HttpResponse<String> r, String what) throws Exception {
        JsonNode answer = JSON.readTree(r.body());
        assertEquals(403, answer.path("status").asInt(), what + " is refused: " + r.body());
        assertFalse(answer.has("value"), what + " did nothing: " + r.body());
    }

    @Test
    void withTheLoginRouteStatisticsCanBeRead() throws Exception {
        stillServing("start");
        String login = basic(USER, PASSWORD);
        JsonNode read = JSON.readTree(get("/read/" + path(ROUTE) + "/ExchangesCompleted", login, null).body());
        assertEquals(200, read.path("status").asInt(), read.toString());
        assertTrue(read.path("value").asLong() >= 1, "the seed route counted the POST /: " + read);
        JsonNode posted = JSON.readTree(post("{\"type\":\"read\",\"mbean\":" + quote(ROUTE)
                + ",\"attribute\":[\"ExchangesTotal\",\"ExchangesCompleted\",\"MeanProcessingTime\",\"State\"]}", login, null).body());
        assertEquals(200, posted.path("status").asInt(), posted.toString());
        assertEquals("Started", posted.at("/value/State").asText(), posted.toString());
        assertTrue(posted.at("/value/ExchangesTotal").asLong() >= 1, posted.toString());
        JsonNode list = JSON.readTree(get("/list/org.apache.camel", login, null).body());
        assertEquals(200, list.path("status").asInt(), list.toString().substring(0, Math.min(300, list.toString().length())));
        assertTrue(list.path("value").toString().contains("name=\\\"web-seed\\\""), "list names the seed route");
        JsonNode search = JSON.readTree(post("{\"type\":\"search\",\"mbean\":\"org.apache.camel:context=" + CONTEXT + ",type=routes,*\"}", login, null).body());
        assertTrue(search.path("value").toString().contains("web-seed"), search.toString());
    }

    @Test
    void aPageFromAForeignOriginGetsNothingEvenWithTheLogin() throws Exception {
        String login = basic(USER, PASSWORD);
        String read = "/read/" + path(ROUTE) + "/ExchangesCompleted";
        for (String origin : new String[] {"http://evil.example", "http://localhost.evil.example", "null"}) {
            HttpResponse<String> r = get(read, login, origin);
            assertNotEquals(200, r.statusCode(), origin + ": " + r.body());
            assertFalse(r.body().contains("\"value\""), origin + " read nothing: " + r.body());
            assertTrue(r.headers().firstValue("Access-Control-Allow-Origin").isEmpty(), origin + " is not allowed by CORS");
            HttpResponse<String> p = post("{\"type\":\"read\",\"mbean\":" + quote(ROUTE) + ",\"attribute\":\"ExchangesCompleted\"}", login, origin);
            assertNotEquals(200, p.statusCode(), origin + ": " + p.body());
            assertFalse(p.body().contains("\"value\""), origin + " read nothing: " + p.body());
            HttpResponse<String> referred = service.send(HttpRequest.newBuilder(service.managementUri("/observe/jolokia" + read))
                    .header("Authorization", login).header("Referer", origin + "/page.html").GET());
            assertFalse(referred.body().contains("\"value\""), "a page of " + origin + " (Referer) read nothing: " + referred.body());
            HttpResponse<String> preflight = service.send(HttpRequest.newBuilder(service.managementUri("/observe/jolokia/"))
                    .header("Origin", origin).header("Access-Control-Request-Method", "POST")
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
            assertTrue(preflight.headers().firstValue("Access-Control-Allow-Origin").isEmpty(), origin + " preflight: " + preflight.headers());
        }
        // Hawtio run on the operator's machine (its page is on localhost) is honoured
        HttpResponse<String> hawtio = get(read, login, "http://localhost:8090");
        assertEquals(200, hawtio.statusCode(), hawtio.body());
        assertTrue(JSON.readTree(hawtio.body()).path("value").asLong() >= 0, hawtio.body());
        stillServing("foreign origins");
    }

    @Test
    void startUpRefusesAMissingOrMalformedLogin() {
        IllegalArgumentException aws = assertThrows(IllegalArgumentException.class,
                () -> ServiceMain.create(Settings.load(new String[] {"facefleet.profile=aws", "facefleet.data-dir=" + dir.resolve("aws")})));
        assertTrue(aws.getMessage().contains("aws profile requires a management login")
                && aws.getMessage().contains("FACEFLEET_MANAGEMENT_PASSWORD"), aws.getMessage());
        IllegalArgumentException half = assertThrows(IllegalArgumentException.class,
                () -> ServiceMain.create(Settings.load(new String[] {"facefleet.management.username=ops"})));
        assertTrue(half.getMessage().contains("both"), half.getMessage());
        IllegalArgumentException comma = assertThrows(IllegalArgumentException.class,
                () -> ServiceMain.create(Settings.load(new String[] {"facefleet.management.username=ops", "facefleet.management.password=a,b"})));
        assertTrue(comma.getMessage().contains("commas"), comma.getMessage());
    }
}
