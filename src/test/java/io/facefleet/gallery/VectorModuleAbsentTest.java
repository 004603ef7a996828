package io.facefleet.gallery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A JVM started without --add-modules jdk.incubator.vector still builds and searches the gallery, with Lucene's scorer, and says so. */
class VectorModuleAbsentTest {

    @TempDir
    Path tmp;

    @Test
    void galleryRunsOnLucenesScorerAndSaysHowToEnableSimd() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // no --add-modules: the JVM as `java -jar` without the flag starts it
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", ScalarFallbackMain.class.getName(), tmp.resolve("index").toString());
        // the test classpath is too long for some command lines: the JVM reads it from CLASSPATH
        pb.environment().put("CLASSPATH", System.getProperty("java.class.path"));
        Path log = tmp.resolve("child.log");
        Process child = pb.redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertTrue(child.waitFor(120, TimeUnit.SECONDS), "the child JVM did not finish");
        String out = Files.readString(log, StandardCharsets.UTF_8);
        assertEquals(0, child.exitValue(), out);
        assertTrue(out.contains("distances: vector distances run scalar (Lucene's scorer): this JVM lacks jdk.incubator.vector;"
                + " start it with `java --add-modules jdk.incubator.vector -jar facefleet.jar ...`"), out);
        // the operator's hint is logged once
        assertEquals(1, out.split("WARN .*vector distances run scalar", -1).length - 1, out);
        assertTrue(out.contains("format: " + FaceHnswVectorsFormat.NAME), out);
        assertTrue(out.contains("answers: the exact scan's"), out);
    }
}
