package io.facefleet.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.facefleet.testing.DemoFaces;
import io.facefleet.testing.RunningService;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hawtio attaches for real: tools/hawtio/check.sh starts Hawtio's standalone console (resolved
 * from Maven Central, as the README's recipe does), connects it to this running host's Jolokia
 * with the management login, and reads the Camel routes and their statistics through Hawtio's
 * Jolokia proxy.
 */
class HawtioConsoleTest {

    private static final String CONTEXT = "facefleet-hawtio";

    @Test
    void hawtioReadsTheRoutesAndTheirStatisticsWithTheManagementLogin(@TempDir Path dir) throws Exception {
        try (RunningService service = RunningService.start("facefleet.data-dir=" + dir.resolve("data"), "camel.main.name=" + CONTEXT,
                "facefleet.management.username=ops", "facefleet.management.password=hawtio-check-password")) {
            assertEquals(200, service.postFile("/", "inputFile", "sample2.jpg", Files.readAllBytes(DemoFaces.photo(2))).statusCode());
            Path log = dir.resolve("check.log");
            ProcessBuilder check = new ProcessBuilder("bash", "tools/hawtio/check.sh", "localhost",
                    String.valueOf(service.managementUri("/").getPort()))
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            check.environment().put("FACEFLEET_MANAGEMENT_USERNAME", "ops");
            check.environment().put("FACEFLEET_MANAGEMENT_PASSWORD", "hawtio-check-password");
            check.environment().put("HAWTIO_PORT", String.valueOf(RunningService.freePort()));
            check.environment().put("CAMEL_CONTEXT", CONTEXT);
            Process p = check.start();
            // the first run resolves Hawtio from Maven Central into target/hawtio/lib
            boolean done = p.waitFor(300, TimeUnit.SECONDS);
            if (!done) {
                p.descendants().forEach(ProcessHandle::destroy);
                p.destroy();
            }
            String out = read(log);
            System.out.println(out);
            assertTrue(done, "the check finished: " + out);
            assertEquals(0, p.exitValue(), out);
            assertTrue(out.contains("without the login: 401"), out);
            Matcher seed = Pattern.compile("route web-seed state=Started total=\\d+ completed=(\\d+)").matcher(out);
            assertTrue(seed.find(), "Hawtio read the seed route's statistics: " + out);
            assertTrue(Integer.parseInt(seed.group(1)) >= 1, "the POST / above is counted: " + out);
            assertTrue(out.contains("route worker-1 state=Started"), out);
            assertTrue(out.contains("exec through Hawtio: refused"), out);
        }
    }

    private static String read(Path log) throws IOException {
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }
}
