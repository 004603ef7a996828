package io.facefleet.testing;

import io.facefleet.boot.ServiceMain;
import io.facefleet.boot.Settings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;

/** The real service started in the test JVM on a free port, and a small multipart client for it. */
public final class RunningService implements AutoCloseable {

    private Main main;
    private final int port;
    private final int managementPort;
    private String[] args;
    private java.util.Map<String, Object> beans;
    private volatile String apiKey;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();

    private RunningService(Main main, int port, int managementPort) {
        this.main = main;
        this.port = port;
        this.managementPort = managementPort;
    }

    /** Starts the service with {@code key=value} settings on top of the defaults and a free port. */
    public static RunningService start(String... settings) throws Exception {
        return start(java.util.Map.of(), settings);
    }

    /** As {@link #start(String...)}, with beans for the registry (see {@code ServiceMain.create}). */
    public static RunningService start(java.util.Map<String, Object> beans, String... settings) throws Exception {
        int port = freePort();
        int managementPort = freePort();
        List<String> args = new ArrayList<>(List.of(settings));
        args.add("camel.server.port=" + port);
        args.add("camel.management.port=" + managementPort);
        Main main = ServiceMain.create(Settings.load(args.toArray(String[]::new)), beans);
        main.start();
        RunningService s = new RunningService(main, port, managementPort);
        s.args = args.toArray(String[]::new);
        s.beans = beans;
        return s;
    }

    /** A port nothing listens on now. */
    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    public CamelContext context() {
        return main.getCamelContext();
    }

    public URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    /** Sends this key in X-API-Key with every later upload (null: none). */
    public void useApiKey(String key) {
        this.apiKey = key;
    }

    /** An address on the management server (health, metrics, Jolokia). */
    public URI managementUri(String path) {
        return URI.create("http://localhost:" + managementPort + path);
    }

    /** One file part of a multipart body. */
    public record Part(String field, String fileName, byte[] bytes) {
    }

    /** POSTs one file as multipart field {@code field}. */
    public HttpResponse<String> postFile(String path, String field, String fileName, byte[] bytes) throws IOException, InterruptedException {
        return postFiles(path, List.of(new Part(field, fileName, bytes)));
    }

    /** POSTs one file with extra request headers (cookies, user agent, ...). */
    public HttpResponse<String> postFile(String path, String field, String fileName, byte[] bytes, java.util.Map<String, String> headers)
            throws IOException, InterruptedException {
        return http.send(multipart(path, List.of(new Part(field, fileName, bytes)), headers), HttpResponse.BodyHandlers.ofString());
    }

    /** POSTs one file without waiting for the answer (a burst of requests all in flight at once). */
    public java.util.concurrent.CompletableFuture<HttpResponse<String>> postFileAsync(String path, String field, String fileName, byte[] bytes) {
        return http.sendAsync(multipart(path, List.of(new Part(field, fileName, bytes))), HttpResponse.BodyHandlers.ofString());
    }

    /** POSTs several files in one multipart body. */
    public HttpResponse<String> postFiles(String path, List<Part> parts) throws IOException, InterruptedException {
        return http.send(multipart(path, parts), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest multipart(String path, List<Part> parts) {
        return multipart(path, parts, java.util.Map.of());
    }

    private HttpRequest multipart(String path, List<Part> parts, java.util.Map<String, String> headers) {
        String boundary = "facefleet-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Part p : parts) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + p.field() + "\"; filename=\""
                    + p.fileName() + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.writeBytes(p.bytes());
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(path));
        if (apiKey != null) {
            builder.header("X-API-Key", apiKey);
        }
        headers.forEach(builder::header);
        HttpRequest req = builder
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .timeout(Duration.ofSeconds(300))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .build();
        return req;
    }

    public HttpResponse<String> send(HttpRequest.Builder req) throws IOException, InterruptedException {
        return http.send(req.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Stops the service gracefully and starts it again on the same ports (a web-tier restart). */
    public void restart() throws Exception {
        main.stop();
        Main again = ServiceMain.create(Settings.load(args), beans);
        again.start();
        main = again;
    }

    @Override
    public void close() throws Exception {
        main.stop();
    }
}
