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
 * 240p to 1080p, obama_small, two_people ...) named, then each photo again scaled down so that
 * its largest face is {@link #SMALL_FACE} px high (a tiny face, as in the seed's crops); prints
 * each face (height, name, distance) and one JSON line with the counts. A face counts as right when its name is one of the people the
 * file shows (from its name). Run by tools/bench/accuracy.sh. Usage: RealPhotoNaming
 */
public final class RealPhotoNaming {

    /** Height in pixels of the largest face in the scaled-down copy of each photo. */
    static final float SMALL_FACE = 30f;

    /** Who each photo shows, by file name. */
    public static final Map<String, List<String>> SHOWS = Map.ofEntries(
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
        int[] faces = new int[2];
        int[] right = new int[2];
        try (FaceEngine engine = FaceEngine.load(EngineConfig.defaults().withTinyFaceHeight(tiny)
                .withDetectorWindowMargin(TestData.detectorWindowMargin())
                .withDetectorWindowPadding(TestData.detectorWindowPadding()))) {
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
            List<Path> photos = Stream.concat(Stream.of(root.resolve("knn_examples/test")), Stream.of(root))
                    .flatMap(RealPhotoNaming::jpegs).filter(f -> SHOWS.containsKey(f.getFileName().toString())).toList();
            for (Path f : photos) {
                byte[] bytes = Files.readAllBytes(f);
                List<FaceService.IdentifiedFace> found = service.identify(bytes);
                int[] counts = name(f.getFileName() + "", found);
                faces[0] += counts[0];
                right[0] += counts[1];
                // the same photo made small: scaled so that its largest face is SMALL_FACE px high
                float scale = SMALL_FACE / found.get(0).face().detection().height();
                List<FaceService.IdentifiedFace> small = service.identify(scaled(bytes, scale));
                counts = name(f.getFileName() + " at " + Math.round(scale * 100) + " %", small);
                faces[1] += counts[0];
                right[1] += counts[1];
            }
        }
        System.out.printf(Locale.ROOT, "{\"tinyFaceHeight\":%d,\"faces\":%d,\"right\":%d,\"scaledFaces\":%d,\"scaledRight\":%d}%n",
                tiny, faces[0], right[0], faces[1], right[1]);
    }

    /** Prints each face; returns {faces, named right}. */
    private static int[] name(String what, List<FaceService.IdentifiedFace> found) {
        List<String> shows = SHOWS.get(what.split(" ")[0]);
        int ok = 0;
        for (FaceService.IdentifiedFace face : found) {
            String name = face.match().labelOr("Unknown");
            boolean right = shows.contains(name);
            ok += right ? 1 : 0;
            System.out.printf(Locale.ROOT, "%s: face %.0f px high named %s at %.3f%s%n", what,
                    face.face().detection().height(), name, face.match().distance(), right ? "" : "  (wrong)");
        }
        return new int[] {found.size(), ok};
    }

    /** The photo scaled by {@code scale} (area-averaged, as a camera at that resolution would see it), as JPEG 0.90. */
    public static byte[] scaled(byte[] photo, float scale) throws java.io.IOException {
        java.awt.image.BufferedImage src = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(photo));
        int w = Math.max(1, Math.round(src.getWidth() * scale));
        int h = Math.max(1, Math.round(src.getHeight() * scale));
        java.awt.image.BufferedImage out = new java.awt.image.BufferedImage(w, h, java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = out.createGraphics();
        g.drawImage(src.getScaledInstance(w, h, java.awt.Image.SCALE_AREA_AVERAGING), 0, 0, null);
        g.dispose();
        return io.facefleet.testing.PhotoVariants.jpeg(out, 0.90f);
    }

    private static Stream<Path> jpegs(Path dir) {
        try {
            return Files.list(dir).filter(p -> p.toString().endsWith(".jpg")).sorted().toList().stream();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
