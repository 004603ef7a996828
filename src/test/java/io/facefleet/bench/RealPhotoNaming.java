package io.facefleet.bench;

import io.facefleet.engine.EngineConfig;
import io.facefleet.engine.FaceEngine;
import io.facefleet.engine.image.ImageDecoder;
import io.facefleet.gallery.Gallery;
import io.facefleet.recognition.FaceService;
import io.facefleet.testing.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Naming on real photos of face_recognition's examples: its knn_examples/train people enrolled
 * (one example per photo), then the faces of knn_examples/test and of examples/ (one photo at
 * 240p to 1080p, obama_small, two_people ...) named; prints each face (height, name, distance) and
 * one JSON line with the counts. A face counts as right when its name is one of the people the
 * file shows (from its name). Run by tools/bench/accuracy.sh. Usage: RealPhotoNaming
 */
public final class RealPhotoNaming {

    /** Who each photo shows, by file name. */
    static final Map<String, List<String>> SHOWS = Map.ofEntries(
            Map.entry("alex_lacamoire1.jpg", List.of("alex_lacamoire")),
            Map.entry("johnsnow_test1.jpg", List.of("kit_harington")),
            Map.entry("kit_with_rose.jpg", List.of("kit_harington", "rose_leslie")),
            Map.entry("obama1.jpg", List.of("obama")),
            Map.entry("obama_and_biden.jpg", List.of("obama", "biden")),
            Map.entry("biden.jpg", List.of("biden")),
            Map.entry("obama.jpg", List.of("obama")),
            Map.entry("obama2.jpg", List.of("obama")),
            Map.entry("obama_small.jpg", List.of("obama")),
            Map.entry("obama-240p.jpg", List.of("obama")),
            Map.entry("obama-480p.jpg", List.of("obama")),
            Map.entry("obama-720p.jpg", List.of("obama")),
            Map.entry("obama-1080p.jpg", List.of("obama")),
            Map.entry("two_people.jpg", List.of("obama", "biden")));

    public static void main(String[] args) throws Exception {
        Path root = TestData.datasets().resolve("face_recognition_examples/examples");
        int tiny = Integer.getInteger("facefleet.engine.tiny-face-height", EngineConfig.TINY_FACE_HEIGHT);
        Path data = Files.createTempDirectory("real-photos");
        int faces = 0;
        int right = 0;
        int small = 0;
        try (FaceEngine engine = FaceEngine.load(EngineConfig.defaults().withTinyFaceHeight(tiny))) {
            FaceService service = new FaceService(new ImageDecoder(), engine, Gallery.open(data, 0.6f));
            try (Stream<Path> people = Files.list(root.resolve("knn_examples/train"))) {
                for (Path person : people.sorted().toList()) {
                    try (Stream<Path> files = Files.list(person)) {
                        for (Path f : files.sorted().toList()) {
                            service.enroll(person.getFileName().toString(), Files.readAllBytes(f), f.getFileName().toString());
                        }
                    }
                }
            }
            for (Path f : Stream.concat(Stream.of(root.resolve("knn_examples/test")), Stream.of(root))
                    .flatMap(RealPhotoNaming::jpegs).toList()) {
                List<String> shows = SHOWS.get(f.getFileName().toString());
                if (shows == null) {
                    continue;
                }
                for (FaceService.IdentifiedFace face : service.identify(Files.readAllBytes(f))) {
                    String name = face.match().labelOr("Unknown");
                    boolean ok = shows.contains(name);
                    faces++;
                    right += ok ? 1 : 0;
                    small += face.face().detection().height() < 48 ? 1 : 0;
                    System.out.printf(Locale.ROOT, "%s: face %.0f px high named %s at %.3f%s%n", f.getFileName(),
                            face.face().detection().height(), name, face.match().distance(), ok ? "" : "  (wrong)");
                }
            }
        }
        System.out.printf(Locale.ROOT, "{\"tinyFaceHeight\":%d,\"faces\":%d,\"right\":%d,\"under48px\":%d}%n", tiny, faces, right, small);
    }

    private static Stream<Path> jpegs(Path dir) {
        try {
            return Files.list(dir).filter(p -> p.toString().endsWith(".jpg")).sorted().toList().stream();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
