package io.facefleet.worker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The names of the classes directly in one package, from a folder of classes or from a jar's
 * directory of entries. Camel's package scan reads a jar as a stream, inflating every entry on
 * the way, and the service's jar carries the nets' weights: 2.5 CPU seconds on the starting
 * thread (docs/decisions.md); a jar's central directory names its entries without reading them.
 */
final class PackageClasses {

    private PackageClasses() {
    }

    /** Binary names of the top-level and nested classes of {@code packageName}, in every place the loader holds it. */
    static List<String> names(ClassLoader loader, String packageName) {
        String folder = packageName.replace('.', '/');
        List<String> names = new ArrayList<>();
        try {
            for (URL url : Collections.list(loader.getResources(folder))) {
                names.addAll(switch (url.getProtocol()) {
                    case "file" -> inFolder(Path.of(url.toURI()), packageName);
                    case "jar" -> inJar((JarURLConnection) url.openConnection(), folder);
                    default -> throw new IllegalStateException("cannot list classes of package " + packageName + " at " + url);
                });
            }
        } catch (IOException e) {
            throw new UncheckedIOException("listing the classes of package " + packageName, e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("listing the classes of package " + packageName, e);
        }
        return names;
    }

    private static List<String> inFolder(Path folder, String packageName) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".class"))
                    .map(n -> packageName + "." + n.substring(0, n.length() - ".class".length())).toList();
        }
    }

    private static List<String> inJar(JarURLConnection connection, String folder) throws IOException {
        connection.setUseCaches(false);
        try (JarFile jar = connection.getJarFile()) {
            String prefix = folder + "/";
            return jar.stream().map(e -> e.getName())
                    .filter(n -> n.startsWith(prefix) && n.endsWith(".class") && n.indexOf('/', prefix.length()) < 0)
                    .map(n -> n.substring(0, n.length() - ".class".length()).replace('/', '.')).toList();
        }
    }
}
