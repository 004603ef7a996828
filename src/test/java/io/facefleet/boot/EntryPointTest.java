package io.facefleet.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.facefleet.gallery.VectorDistances;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jar's entry point as a user meets it: {@link Main} run in its own JVM, as
 * {@code java --add-modules jdk.incubator.vector -jar facefleet.jar ...} runs it. Asking for help and every usage error print the
 * usage and exit with 2, never a stack trace; {@code serve} and bare settings go to the service.
 */
class EntryPointTest {

    private static final long TIMEOUT_SECONDS = 120;

    @TempDir
    Path tmp;

    private record Run(int code, String output) {
    }

    private Run run(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                VectorDistances.JAVA_OPTION, "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        Path log = Files.createTempFile(tmp, "entry-", ".log");
        Process p = new ProcessBuilder(cmd).directory(tmp.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            throw new AssertionError("facefleet " + String.join(" ", args) + " did not exit within " + TIMEOUT_SECONDS + " s:\n"
                    + Files.readString(log, StandardCharsets.UTF_8));
        }
        return new Run(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    private void assertUsage(String expectedMessage, String... args) throws Exception {
        Run r = run(args);
        String what = "facefleet " + String.join(" ", args) + ":\n" + r.output();
        assertEquals(2, r.code(), what);
        assertTrue(r.output().contains("usage: java --add-modules jdk.incubator.vector -jar facefleet.jar"), what);
        assertTrue(r.output().contains(expectedMessage), what);
        assertFalse(r.output().contains("Exception"), what);
        assertFalse(r.output().contains("\tat "), "no stack trace: " + what);
    }

    @Test
    void helpPrintsTheUsageAndExitsTwo() throws Exception {
        assertUsage("[serve] [key=value...]", "--help");
        assertUsage("[serve] [key=value...]", "-h");
        assertUsage("[serve] [key=value...]", "serve", "--help");
        assertUsage("[serve] [key=value...]", "facefleet.tiers=web", "-h");
        assertUsage("[serve] [key=value...]", "embed", "-h");
    }

    @Test
    void usageErrorsPrintTheUsageAndExitTwo() throws Exception {
        assertUsage("unknown verb fly", "fly");
        assertUsage("settings are key=value arguments; got oops", "facefleet.tiers=web", "oops");
        assertUsage("settings are key=value arguments; got oops", "serve", "oops");
        assertUsage("no profile file application-nowhere.properties", "facefleet.profile=nowhere");
        assertUsage("embed needs at least one IMAGE", "embed");
        assertUsage("unknown option --frobnicate", "detect", "a.jpg", "--frobnicate", "1");
        assertUsage("--threshold must be a number", "identify", "a.jpg", "--threshold", "abc");
        assertUsage("enroll --csv needs --images DIR", "enroll", "--csv", "labels.csv");
        assertUsage("unknown trace nowhere", "simulate", "--trace", "nowhere", "--out", tmp.toString());
        assertUsage("unknown policy lucky", "simulate", "--trace", "ramp", "--policy", "lucky", "--out", tmp.toString());
        assertUsage("--boot-seconds must be a whole number, got soon", "simulate", "--trace", "ramp", "--boot-seconds", "soon",
                "--out", tmp.toString());
    }

    @Test
    void theHelpVerbStillSucceeds() throws Exception {
        Run r = run("help");
        assertEquals(0, r.code(), r.output());
        assertTrue(r.output().contains("usage: java --add-modules jdk.incubator.vector -jar facefleet.jar"), r.output());
    }

    /**
     * Bare settings and {@code serve} both build the service: a tier list it refuses proves the
     * arguments reached the service's own checks, not the usage.
     */
    @Test
    void serveAndBareSettingsStartTheService() throws Exception {
        for (List<String> args : List.of(List.of("facefleet.tiers=nothing"), List.of("serve", "facefleet.tiers=nothing"))) {
            Run r = run(args.toArray(String[]::new));
            String what = "facefleet " + String.join(" ", args) + ":\n" + r.output();
            assertNotEquals(0, r.code(), what);
            assertTrue(r.output().contains("facefleet.tiers lists web, app and/or scaling; got [nothing]"), what);
            assertFalse(r.output().contains("usage:"), what);
        }
    }
}
