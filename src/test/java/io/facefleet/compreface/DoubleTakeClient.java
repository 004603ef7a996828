package io.facefleet.compreface;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.StringJoiner;

/**
 * Requests shaped as Double Take's CompreFace detector sends them (its
 * {@code api/src/util/detectors/compreface.js}, axios with a form-data body): the image in the
 * multipart field {@code file} with the file's base name and its type from the extension, form-data's
 * boundary style, sent chunked (a stream of unknown length, as axios sends form-data), the key in
 * a lower-case {@code x-api-key} header, axios's Accept and User-Agent headers, the options as
 * query parameters. Re-typed here in Java; nothing is copied.
 */
final class DoubleTakeClient {

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
    private final URI base;
    private final Random random = new Random(17);

    DoubleTakeClient(URI base) {
        this.base = base;
    }

    /** {@code recognize(key)}: POST /api/v1/recognition/recognize?{query} with the file. */
    HttpResponse<String> recognize(String apiKey, String fileName, byte[] image, Map<String, String> query) throws Exception {
        return post("/api/v1/recognition/recognize", query, apiKey, fileName, image);
    }

    /** {@code train({name, key})}: POST /api/v1/recognition/faces?subject=name with the file. */
    HttpResponse<String> train(String apiKey, String name, String fileName, byte[] image) throws Exception {
        return post("/api/v1/recognition/faces", Map.of("subject", name), apiKey, fileName, image);
    }

    /** {@code remove({name})}: DELETE /api/v1/recognition/faces?subject=name, no body. */
    HttpResponse<String> remove(String apiKey, String name) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri("/api/v1/recognition/faces", Map.of("subject", name)))
                .header("Accept", "application/json, text/plain, */*").header("User-Agent", "axios/0.21.1").DELETE();
        if (apiKey != null) {
            b.header("x-api-key", apiKey);
        }
        return http.send(b.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** GET /api/v1/recognition/faces?{query} (the list CompreFace's own clients page through). */
    HttpResponse<String> list(String apiKey, Map<String, String> query) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri("/api/v1/recognition/faces", query)).GET();
        if (apiKey != null) {
            b.header("x-api-key", apiKey);
        }
        return http.send(b.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, Map<String, String> query, String apiKey, String fileName, byte[] image) throws Exception {
        // form-data's boundary: 26 dashes and 24 random digits
        StringBuilder boundary = new StringBuilder("--------------------------");
        for (int i = 0; i < 24; i++) {
            boundary.append(random.nextInt(10));
        }
        String type = fileName.endsWith(".png") ? "image/png" : fileName.endsWith(".txt") ? "text/plain" : "image/jpeg";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: " + type + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(image);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path, query))
                .header("Accept", "application/json, text/plain, */*")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("User-Agent", "axios/0.21.1")
                // form-data is a stream without a length: axios sends it chunked, with no Content-Length
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body.toByteArray())));
        if (apiKey != null) {
            b.header("x-api-key", apiKey);
        }
        return http.send(b.timeout(Duration.ofSeconds(120)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path, Map<String, String> query) {
        StringJoiner q = new StringJoiner("&");
        query.forEach((k, v) -> q.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return base.resolve(query.isEmpty() ? path : path + "?" + q);
    }
}
