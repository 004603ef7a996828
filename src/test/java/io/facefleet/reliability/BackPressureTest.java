package io.facefleet.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.facefleet.testing.RunningService;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Back-pressure and slow clients, on a web host with no worker (so requests wait as long as we
 * like): past {@code facefleet.web.max-waiting} waiting requests a new one gets 503 with
 * Retry-After at once; a client that trickles its upload gets 408 and is disconnected; clients
 * dribbling their headers hold no thread, so others are still served at once.
 */
class BackPressureTest {

    @TempDir
    static Path data;
    private static RunningService web;

    @BeforeAll
    static void start() throws Exception {
        web = RunningService.start("facefleet.tiers=web", "facefleet.data-dir=" + data, "camel.main.name=facefleet-pressure",
                "facefleet.web.max-waiting=10", "facefleet.web.retry-after-s=7", "facefleet.web.reply-timeout-ms=4000",
                "facefleet.web.request-read-timeout-ms=1000", "facefleet.web.drain-timeout-ms=500");
    }

    @AfterAll
    static void stop() throws Exception {
        web.close();
    }

    static byte[] tinyPng() throws Exception {
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(8, 8, java.awt.image.BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    @Test
    void pastTheBoundNewRequestsGet503WithRetryAfterAtOnce() throws Exception {
        byte[] png = tinyPng();
        ExecutorService clients = Executors.newFixedThreadPool(30);
        try {
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            List<Long> took = java.util.Collections.synchronizedList(new ArrayList<>());
            for (int i = 0; i < 30; i++) {
                answers.add(clients.submit(() -> {
                    long t0 = System.nanoTime();
                    HttpResponse<String> r = web.postFile("/", "inputFile", "tiny.png", png);
                    if (r.statusCode() == 503) {
                        took.add((System.nanoTime() - t0) / 1_000_000);
                    }
                    return r;
                }));
            }
            int refused = 0;
            int timedOut = 0;
            for (Future<HttpResponse<String>> f : answers) {
                HttpResponse<String> r = f.get();
                if (r.statusCode() == 503) {
                    refused++;
                    assertEquals("7", r.headers().firstValue("Retry-After").orElse(""), "Retry-After on every 503");
                    assertTrue(r.body().contains("at capacity"), r.body());
                } else {
                    assertEquals(504, r.statusCode(), "no worker: the admitted ones wait for the timeout");
                    timedOut++;
                }
            }
            assertEquals(10, timedOut, "exactly the bound was admitted");
            assertEquals(20, refused);
            io.facefleet.web.Admission admission = web.context().getRegistry().lookupByNameAndType("admission", io.facefleet.web.Admission.class);
            // a slot is given back when the exchange completes, just after its answer went out: wait for it
            long deadline = System.currentTimeMillis() + 10_000;
            while (admission.admitted() != 0 && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(0, admission.admitted(), "every answered request, 504s included, gave its slot back");
            assertTrue(took.stream().allMatch(ms -> ms < 3000), "refused at once, not after the reply timeout: " + took);
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void aClientTricklingItsUploadGets408AndIsDisconnected() throws Exception {
        try (Socket s = new Socket("localhost", web.uri("/").getPort())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(("POST / HTTP/1.1\r\nHost: localhost\r\nContent-Type: multipart/form-data; boundary=b\r\n"
                    + "Content-Length: 100000\r\n\r\n--b\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            long t0 = System.currentTimeMillis();
            String answer = readAll(s.getInputStream());
            long waited = System.currentTimeMillis() - t0;
            assertTrue(answer.startsWith("HTTP/1.1 408"), answer);
            assertTrue(waited < 5000, "cut after about 1 s, took " + waited + " ms");
        }
    }

    @Test
    void clientsDribblingHeadersDoNotStopOthersBeingServed() throws Exception {
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 200; i++) {
                Socket s = new Socket("localhost", web.uri("/").getPort());
                s.getOutputStream().write("POST / HTTP/1.1\r\nHost: loc".getBytes(StandardCharsets.US_ASCII));
                slow.add(s);
            }
            for (int round = 0; round < 5; round++) {
                for (Socket s : slow) {
                    s.getOutputStream().write('a');
                }
                long t0 = System.currentTimeMillis();
                HttpResponse<String> r = web.send(HttpRequest.newBuilder(web.uri("/api/v1/health")));
                assertEquals(200, r.statusCode());
                assertTrue(System.currentTimeMillis() - t0 < 2000, "served while 200 clients dribble their headers");
                Thread.sleep(200);
            }
        } finally {
            for (Socket s : slow) {
                s.close();
            }
        }
    }

    private static String readAll(InputStream in) throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
            b.write(buf, 0, n);
        }
        return b.toString(StandardCharsets.US_ASCII);
    }
}
