package io.facefleet.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.facefleet.testing.RunningService;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A host that runs only the web tier: with no worker to answer, a request gets 504, not a hang. */
class WebTierAloneTest {

    @Test
    void noReplyInTimeAnswers504(@TempDir Path data) throws Exception {
        try (RunningService web = RunningService.start("facefleet.tiers=web", "facefleet.data-dir=" + data,
                "facefleet.web.reply-timeout-ms=700", "camel.main.name=facefleet-web")) {
            byte[] png = tinyPng();
            HttpResponse<String> r = web.postFile("/", "inputFile", "tiny.png", png);
            assertEquals(504, r.statusCode(), r.body());
            assertTrue(r.body().contains("no answer within 0.7 s"), r.body());
        }
    }

    @Test
    void waitingRequestsHoldNoThread(@TempDir Path data) throws Exception {
        try (RunningService web = RunningService.start("facefleet.tiers=web", "facefleet.data-dir=" + data,
                "facefleet.web.reply-timeout-ms=10000", "camel.main.name=facefleet-web2")) {
            byte[] png = tinyPng();
            io.facefleet.messaging.ReplyAwaiter awaiter = web.context().getRegistry()
                    .lookupByNameAndType("replyAwaiter", io.facefleet.messaging.ReplyAwaiter.class);
            java.util.concurrent.ExecutorService clients = java.util.concurrent.Executors.newFixedThreadPool(100);
            try {
                java.util.List<java.util.concurrent.Future<HttpResponse<String>>> answers = new java.util.ArrayList<>();
                for (int i = 0; i < 100; i++) {
                    answers.add(clients.submit(() -> web.postFile("/", "inputFile", "tiny.png", png)));
                }
                // Vert.x has 20 worker threads: were a waiting request to hold one, at most 20 could wait at once
                int most = 0;
                for (int poll = 0; poll < 400 && most < 100; poll++) {
                    most = Math.max(most, awaiter.waiting());
                    Thread.sleep(20);
                }
                assertEquals(100, most, "requests waiting for a reply at the same time");
                for (var a : answers) {
                    assertEquals(504, a.get().statusCode());
                }
            } finally {
                clients.shutdown();
            }
        }
    }

    private static byte[] tinyPng() throws java.io.IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(8, 8, java.awt.image.BufferedImage.TYPE_INT_RGB), "png", out);
        return out.toByteArray();
    }
}
