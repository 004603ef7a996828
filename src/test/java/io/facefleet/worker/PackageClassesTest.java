package io.facefleet.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The classes of one package, listed from a jar (as the service runs) and from a folder (as the
 * tests run): the package's own classes and their nested ones, nothing of a sub-package, no other
 * file.
 */
class PackageClassesTest {

    private static final List<String> ENTRIES = List.of("io/", "io/facefleet/", "io/facefleet/worker/",
            "io/facefleet/worker/Alpha.class", "io/facefleet/worker/Alpha$Inner.class", "io/facefleet/worker/notes.txt",
            "io/facefleet/worker/sub/", "io/facefleet/worker/sub/Deeper.class", "io/facefleet/Outside.class");
    private static final List<String> EXPECTED = List.of("io.facefleet.worker.Alpha", "io.facefleet.worker.Alpha$Inner");

    @TempDir
    Path dir;

    @Test
    void aJarsPackageIsListedFromItsDirectoryOfEntries() throws Exception {
        Path jar = dir.resolve("classes.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (String name : ENTRIES) {
                out.putNextEntry(new JarEntry(name));
                if (!name.endsWith("/")) {
                    out.write(new byte[] {1, 2, 3});
                }
                out.closeEntry();
            }
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            assertEquals(EXPECTED, sorted(PackageClasses.names(loader, "io.facefleet.worker")));
        }
    }

    @Test
    void aFoldersPackageIsListedFromItsFiles() throws Exception {
        Path root = dir.resolve("classes");
        for (String name : ENTRIES) {
            Path p = root.resolve(name);
            if (name.endsWith("/")) {
                Files.createDirectories(p);
            } else {
                try (OutputStream out = Files.newOutputStream(p)) {
                    out.write(new byte[] {1, 2, 3});
                }
            }
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {root.toUri().toURL()}, null)) {
            assertEquals(EXPECTED, sorted(PackageClasses.names(loader, "io.facefleet.worker")));
        }
    }

    private static List<String> sorted(List<String> names) {
        return names.stream().sorted().toList();
    }
}
