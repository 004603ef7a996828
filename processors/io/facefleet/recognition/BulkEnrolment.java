package io.facefleet.recognition;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Enrols many images at once: a folder per person ({@code DIR/<person>/*.jpg}) or the seed's CSV
 * of image name (without extension) → label. An image that cannot be enrolled is reported as
 * skipped with its reason; the others go on.
 */
public final class BulkEnrolment {

    private static final List<String> EXTENSIONS = List.of(".jpg", ".jpeg", ".png", ".bmp", ".gif", ".webp", ".tif", ".tiff");

    /** What happened to one image. */
    public record Outcome(String subject, String source, String skippedBecause) {
        public boolean enrolled() {
            return skippedBecause == null;
        }
    }

    private final FaceService service;

    public BulkEnrolment(FaceService service) {
        this.service = service;
    }

    public List<Outcome> fromFolders(Path dir) throws IOException {
        List<Outcome> out = new ArrayList<>();
        try (Stream<Path> people = Files.list(dir)) {
            for (Path person : people.filter(Files::isDirectory).sorted().toList()) {
                try (Stream<Path> files = Files.list(person)) {
                    for (Path f : files.filter(BulkEnrolment::isImage).sorted().toList()) {
                        out.add(enroll(person.getFileName().toString(), f));
                    }
                }
            }
        }
        return out;
    }

    /** The seed's CSV: header {@code Image,Results}, rows {@code test_00,Paul}; images in {@code images}. */
    public List<Outcome> fromCsv(Path csv, Path images) throws IOException {
        List<Outcome> out = new ArrayList<>();
        List<String> lines = Files.readAllLines(csv);
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] cols = line.split(",", -1);
            if (cols.length < 2 || cols[0].isBlank() || cols[1].isBlank()) {
                out.add(new Outcome(null, csv + ":" + (i + 1), "a row needs an image name and a label"));
                continue;
            }
            Path file = find(images, cols[0].strip());
            if (file == null) {
                out.add(new Outcome(cols[1].strip(), cols[0].strip(), "no image named " + cols[0].strip() + " in " + images));
                continue;
            }
            out.add(enroll(cols[1].strip(), file));
        }
        return out;
    }

    /** One named person's image. */
    public List<Outcome> single(String subject, Path file) {
        return List.of(enroll(subject, file));
    }

    private Outcome enroll(String subject, Path file) {
        try {
            service.enroll(subject, Files.readAllBytes(file), file.getFileName().toString());
            return new Outcome(subject, file.toString(), null);
        } catch (IOException | RuntimeException e) {
            return new Outcome(subject, file.toString(), e.getMessage());
        }
    }

    private static Path find(Path dir, String stem) {
        for (String ext : EXTENSIONS) {
            for (String e : List.of(ext, ext.toUpperCase(Locale.ROOT))) {
                Path p = dir.resolve(stem + e);
                if (Files.isRegularFile(p)) {
                    return p;
                }
            }
        }
        Path exact = dir.resolve(stem);
        return Files.isRegularFile(exact) ? exact : null;
    }

    private static boolean isImage(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return EXTENSIONS.stream().anyMatch(n::endsWith);
    }
}
