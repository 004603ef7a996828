package io.facefleet.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.facefleet.testing.ImageEncoders;
import io.facefleet.testing.RunningService;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile requests the web tier must refuse with a clear 4xx, never a 500, while it keeps serving:
 * a multipart body with thousands of fields, broken multipart, oversized headers, control
 * characters and directories in upload names, WebP and TIFF headers declaring gigapixels or cut
 * short, formats still refused. (Size, type and pixel limits: EmbeddedEndToEndTest
 * and the image decoder's tests; random bodies: FuzzTest.)
 */
class HostileInputTest {

    /** Hostile upload names: directories up and down, absolute paths, dots, quotes. */
    private static final List<String> HOSTILE_NAMES = List.of("..\\..\\windows\\evil.png", "../../../../escaped.png",
            "input/../../../up.png", "/abs/path/x.png", "/tmp/facefleet-absolute.png", "....png", "..", "semi;colon\"quote.png");

    /** Everything the test can see; the data directory sits four levels below it. */
    @TempDir
    static Path root;
    static Path data;
    private static RunningService service;

    @BeforeAll
    static void start() throws Exception {
        // deep enough that any climb out of data/<area> by up to four levels still lands under root
        data = Files.createDirectories(root.resolve("a/b/c/data"));
        service = RunningService.start("facefleet.data-dir=" + data, "camel.main.name=facefleet-hostile",
                "facefleet.web.request-read-timeout-ms=2000");
    }

    @AfterAll
    static void stop() throws Exception {
        service.close();
    }

    private static HttpResponse<String> post(String contentType, byte[] body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(service.uri("/")).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return service.send(b);
    }

    private static void stillServes() throws Exception {
        HttpResponse<String> r = service.postFile("/", "inputFile", "ok.png", BackPressureTest.tinyPng());
        assertEquals(200, r.statusCode(), r.body());
    }

    @Test
    void thousandsOfFieldsInOneBodyAreRefused() throws Exception {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int i = 0; i < 5000; i++) {
            body.writeBytes(("--b\r\nContent-Disposition: form-data; name=\"f" + i + "\"\r\n\r\nx\r\n").getBytes(StandardCharsets.US_ASCII));
        }
        body.writeBytes("--b\r\nContent-Disposition: form-data; name=\"inputFile\"; filename=\"a.png\"\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        body.writeBytes(BackPressureTest.tinyPng());
        body.writeBytes("\r\n--b--\r\n".getBytes(StandardCharsets.US_ASCII));
        HttpResponse<String> r = post("multipart/form-data; boundary=b", body.toByteArray());
        assertTrue(r.statusCode() == 400 || r.statusCode() == 413, r.statusCode() + " " + r.body());
        stillServes();
    }

    @Test
    void manyFilePartsStoreOneImageAtMost() throws Exception {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] png = BackPressureTest.tinyPng();
        for (int i = 0; i < 300; i++) {
            body.writeBytes(("--b\r\nContent-Disposition: form-data; name=\"inputFile\"; filename=\"p" + i + ".png\"\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            body.writeBytes(png);
            body.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        body.writeBytes("--b--\r\n".getBytes(StandardCharsets.US_ASCII));
        HttpResponse<String> r = post("multipart/form-data; boundary=b", body.toByteArray());
        // one field holds one image: one is taken, or the body is refused; never a 500
        assertTrue(r.statusCode() == 200 || r.statusCode() == 400, r.statusCode() + " " + r.body());
        try (Stream<Path> stored = Files.exists(data.resolve("input")) ? Files.list(data.resolve("input")) : Stream.empty()) {
            assertTrue(stored.filter(p -> p.getFileName().toString().matches("p[0-9]+\\.png")).count() <= 1, "one image stored at most");
        }
        stillServes();
    }

    @Test
    void brokenMultipartIsA400() throws Exception {
        List<byte[]> bodies = List.of(
                "--b\r\nContent-Disposition: form-data; name=\"inputFile\"; filename=\"a.png\"\r\n\r\nabc".getBytes(StandardCharsets.US_ASCII),
                "no boundary here at all".getBytes(StandardCharsets.US_ASCII),
                "--b\r\n\r\n\r\n--b--".getBytes(StandardCharsets.US_ASCII),
                new byte[0]);
        for (byte[] body : bodies) {
            HttpResponse<String> r = post("multipart/form-data; boundary=b", body);
            assertTrue(r.statusCode() >= 400 && r.statusCode() < 500, r.statusCode() + " " + r.body());
        }
        HttpResponse<String> noBoundary = post("multipart/form-data", "--b--".getBytes(StandardCharsets.US_ASCII));
        assertTrue(noBoundary.statusCode() >= 400 && noBoundary.statusCode() < 500, noBoundary.statusCode() + " " + noBoundary.body());
        stillServes();
    }

    @Test
    void webpAndTiffDeclaringHugeImagesOrCutShortAreRefusedAndNothingIsStored() throws Exception {
        byte[] rgb = new byte[32 * 32 * 3];
        byte[] tiff = ImageEncoders.rawTiff(32, 32, rgb, 1, true);
        // a StripByteCounts past the end: the pixels the header promises are not in the file
        byte[] cutTiff = java.util.Arrays.copyOf(tiff, tiff.length);
        int counts = indexOf(cutTiff, new byte[] {0x17, 0x01, 4, 0, 1, 0, 0, 0});
        cutTiff[counts + 10] = 0x10;
        byte[] webp = ImageEncoders.vp8lDeclaring(32, 32);
        byte[] heic = concat(new byte[] {0, 0, 0, 24}, "ftypheic".getBytes(StandardCharsets.ISO_8859_1), new byte[4],
                "mif1heic".getBytes(StandardCharsets.ISO_8859_1), new byte[64]);
        List<Object[]> cases = List.of(
                new Object[] {ImageEncoders.vp8lDeclaring(16384, 16384), 413, "WebP image is 16384 x 16384"},
                new Object[] {ImageEncoders.vp8xDeclaring(1L << 24, 1L << 24, 0), 413, "WebP image is 16777216 x 16777216"},
                new Object[] {ImageEncoders.rawTiff(200_000, 200_000, rgb, 1, false), 413, "TIFF image is 200000 x 200000"},
                new Object[] {java.util.Arrays.copyOf(webp, webp.length - 10), 422, "WebP file is cut short"},
                new Object[] {cutTiff, 422, "TIFF file is cut short"},
                new Object[] {ImageEncoders.vp8xDeclaring(64, 64, 0x02), 415, "animated WebP"},
                new Object[] {heic, 415, "HEIF/HEIC"});
        long before = storedFiles();
        for (Object[] c : cases) {
            for (String path : List.of("/", "/api/v1/recognize")) {
                HttpResponse<String> r = service.postFile(path, "inputFile", "image.webp", (byte[]) c[0]);
                assertEquals(c[1], r.statusCode(), path + " " + c[2] + ": " + r.body());
                assertTrue(r.body().contains((String) c[2]), path + ": " + r.body());
            }
        }
        assertEquals(before, storedFiles(), "a refused upload stored something");
        stillServes();
    }

    private static long storedFiles() throws Exception {
        try (Stream<Path> all = Files.walk(data)) {
            return all.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("gallery")).count();
        }
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        for (int i = 0; i + needle.length <= hay.length; i++) {
            if (java.util.Arrays.equals(hay, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        throw new IllegalArgumentException("not found");
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    @Test
    void oversizedHeadersAreRefused() throws Exception {
        // a client of its own: the server closes this connection, which must not be reused
        java.net.http.HttpClient own = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build();
        HttpResponse<String> r = own.send(HttpRequest.newBuilder(service.uri("/")).header("Content-Type", "multipart/form-data; boundary=b")
                .header("X-Padding", "a".repeat(20_000)).POST(HttpRequest.BodyPublishers.ofString("--b--")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(r.statusCode() == 431 || r.statusCode() == 400 || r.statusCode() == 413, "status " + r.statusCode());
        stillServes();
    }

    @Test
    void controlCharactersAndDirectoriesNeverReachAStorageKey() throws Exception {
        for (String name : HOSTILE_NAMES) {
            HttpResponse<String> r = service.postFile("/", "inputFile", name, BackPressureTest.tinyPng());
            assertEquals(200, r.statusCode(), name + ": " + r.body());
        }
        // a control character in the header's file name: refused or cleaned, never stored as such
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes("--b\r\nContent-Disposition: form-data; name=\"inputFile\"; filename=\"bell\u0007tab\t.png\"\r\n\r\n"
                .getBytes(StandardCharsets.ISO_8859_1));
        body.writeBytes(BackPressureTest.tinyPng());
        body.writeBytes("\r\n--b--\r\n".getBytes(StandardCharsets.US_ASCII));
        HttpResponse<String> r = post("multipart/form-data; boundary=b", body.toByteArray());
        assertTrue(r.statusCode() == 200 || r.statusCode() == 400, r.statusCode() + " " + r.body());
        // every file written anywhere under root lies in the data directory, under a clean name
        List<Path> files;
        try (Stream<Path> all = Files.walk(root)) {
            files = all.filter(Files::isRegularFile).toList();
        }
        assertEquals(List.of(), files.stream().filter(p -> !p.startsWith(data)).toList(), "written outside the data directory");
        for (Path p : files) {
            String file = p.getFileName().toString();
            assertTrue(file.chars().noneMatch(Character::isISOControl), "control character in " + p);
            assertTrue(!file.startsWith("..") && !file.contains("/") && !file.contains("\\"), p.toString());
        }
        // and nothing at the absolute paths the names point to
        for (String name : HOSTILE_NAMES) {
            if (name.startsWith("/")) {
                assertTrue(!Files.exists(Path.of(name)), "an absolute upload name was written: " + name);
            }
        }
    }
}
