package io.facefleet.app;

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
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(8, 8, java.awt.image.BufferedImage.TYPE_INT_RGB), "png", out);
            byte[] png = out.toByteArray();
            HttpResponse<String> r = web.postFile("/", "inputFile", "tiny.png", png);
            assertEquals(504, r.statusCode(), r.body());
            assertTrue(r.body().contains("no answer within 0.7 s"), r.body());
        }
    }
}
