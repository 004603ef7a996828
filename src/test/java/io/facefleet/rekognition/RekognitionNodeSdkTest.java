package io.facefleet.rekognition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.facefleet.testing.DemoFaces;
import io.facefleet.testing.RunningService;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same protocol through AWS's JavaScript SDK v3 ({@code @aws-sdk/client-rekognition},
 * tools/rekognition-node, {@code node --test}): this test starts the service with a key pair,
 * writes the photos the script reads (demo portraits, a group photo, a blank picture), and fails
 * when any of the script's tests fails. Without Node it is skipped, saying so.
 */
class RekognitionNodeSdkTest {

    private static final Path TOOL = Path.of("tools/rekognition-node");

    @Test
    void theJavaScriptSdkCallsEveryOperation(@TempDir Path data, @TempDir Path photos) throws Exception {
        assumeTrue(onPath("node") && onPath("npm"), "node and npm not found: the JavaScript SDK test is skipped");
        if (!Files.isDirectory(TOOL.resolve("node_modules/@aws-sdk/client-rekognition"))) {
            assertEquals(0, run(List.of("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"), List.of()), "npm ci in " + TOOL);
        }
        List<DemoFaces.Person> people = DemoFaces.people(3);
        Files.write(photos.resolve("a.jpg"), people.get(0).portrait());
        Files.write(photos.resolve("a2.jpg"), people.get(0).variant(11));
        Files.write(photos.resolve("b.jpg"), people.get(1).portrait());
        Files.write(photos.resolve("c.jpg"), people.get(2).portrait());
        Files.copy(DemoFaces.photo(1), photos.resolve("group.jpg"));
        ImageIO.write(new BufferedImage(300, 300, BufferedImage.TYPE_INT_RGB), "jpg", photos.resolve("blank.jpg").toFile());
        try (RunningService svc = RunningService.start("facefleet.data-dir=" + data, "camel.main.name=facefleet-rk-node",
                "facefleet.web.aws-keys=AKIDNODE:node-secret-0123456789", "facefleet.image.max-bytes=2000000")) {
            int exit = run(List.of("node", "--test", "rekognition.test.mjs"), List.of(
                    "FACEFLEET_URL=" + svc.uri("/").toString().replaceAll("/$", ""), "FACEFLEET_KEY_ID=AKIDNODE",
                    "FACEFLEET_SECRET=node-secret-0123456789", "FACEFLEET_PHOTOS=" + photos.toAbsolutePath()));
            assertEquals(0, exit, "node --test tools/rekognition-node/rekognition.test.mjs failed (its output is above)");
        }
    }

    /** Runs a command in the tool's folder, its output shown in the test's, and returns its exit code. */
    private static int run(List<String> command, List<String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(TOOL.toFile()).redirectErrorStream(true);
        for (String e : env) {
            int eq = e.indexOf('=');
            pb.environment().put(e.substring(0, eq), e.substring(eq + 1));
        }
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        System.out.println(out);
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }

    private static boolean onPath(String exe) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, exe))) {
                return true;
            }
        }
        return false;
    }
}
