package io.facefleet.engine;

import io.facefleet.engine.image.ImageDecoder;
import io.facefleet.engine.image.RgbImage;
import io.facefleet.recognition.FaceService;
import io.facefleet.testing.SeedImages;
import io.facefleet.testing.TestData;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Tiny-face rules measured on both sets at once (issue 14, docs/accuracy.md "Tiny-face rules
 * measured on both sets"). For every tiny face of the seed's ten crops, of seed variants
 * {@code FROM .. TO-1} and of face_recognition's photos scaled down until the largest face is 30 px
 * high (as {@code RealPhotoNaming}), it computes the descriptors of several crops once:
 * {@code L} the shipped clamped landmark square, {@code B} the box alone (side 0.80 of the height,
 * the clamp's centre), {@code C1} the box's centre with the clamped landmark side, {@code C2} the
 * clamped landmark centre with the box's side 0.80; then names every face under each rule (a crop
 * alone, the renormalised mean of {@code L} and {@code B}, and a second look when the first answer
 * is ambiguous) with face-api's rule (nearest example under 0.6). face_recognition's people are
 * enrolled from their large photos, whose faces never take the tiny-face path, so their gallery is
 * the same under every rule. Writes the descriptors to {@code FILE} ({@code measure}) or reads them
 * back ({@code eval}) and prints one line per rule.
 * Usage: TinyFaceRules measure FILE FROM TO | TinyFaceRules eval FILE
 */
public final class TinyFaceRules {

    static final float THRESHOLD = 0.6f;
    /** The crops, in the order they are stored. */
    static final String[] CROPS = {"L", "B", "C1", "C2"};

    private TinyFaceRules() {
    }

    /** One face: who it is (or the people its photo shows, '|'-separated), its crops' descriptors. */
    record Tiny(String truth, float[][] d) {
    }

    /** What was measured: seed enrolments, seed variants, real gallery (label, descriptor), real tiny faces. */
    record Sets(List<Tiny> seedGallery, List<Tiny> seedQueries, List<String> realLabels, List<float[]> realGallery, List<Tiny> realQueries) {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[1]);
        Sets sets;
        if (args[0].equals("measure")) {
            sets = measure(Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            write(file, sets);
        } else {
            sets = read(file);
        }
        TinyFaceRuleReport.report(sets);
    }

    static Sets measure(int from, int to) throws IOException {
        ImageDecoder decoder = new ImageDecoder();
        List<SeedImages.Labelled> ten = SeedImages.ten();
        List<Tiny> seedGallery = new ArrayList<>();
        List<Tiny> seedQueries = new ArrayList<>();
        List<String> realLabels = new ArrayList<>();
        List<float[]> realGallery = new ArrayList<>();
        List<Tiny> realQueries = new ArrayList<>();
        FaceEngine engine = TestData.engine();
        for (SeedImages.Labelled l : ten) {
            seedGallery.add(largestTiny(engine, decoder.decode(l.bytes()), l.label()));
        }
        long t0 = System.nanoTime();
        for (int i = from; i < to; i++) {
            seedQueries.add(largestTiny(engine, decoder.decode(SeedImages.variant(ten, i)), ten.get(i % 10).label()));
            if ((i - from + 1) % 500 == 0) {
                System.out.printf(Locale.ROOT, "measured %d variants in %.0f s%n", i - from + 1, (System.nanoTime() - t0) / 1e9);
            }
        }
        Path root = TestData.datasets().resolve("face_recognition_examples/examples");
        try (Stream<Path> people = Files.list(root.resolve("knn_examples/train"))) {
            for (Path person : people.sorted().toList()) {
                try (Stream<Path> files = Files.list(person)) {
                    for (Path f : files.sorted().toList()) {
                        List<Face> faces = engine.analyze(decoder.decode(Files.readAllBytes(f)));
                        if (faces.size() != 1 || TinyFaceCrop.applies(faces.get(0).detection(), engine.config().tinyFaceHeight())) {
                            throw new IllegalStateException(f + ": expected one large face, found " + faces.size());
                        }
                        realLabels.add(person.getFileName().toString());
                        realGallery.add(faces.get(0).descriptor());
                    }
                }
            }
        }
        Map<String, List<String>> shows = io.facefleet.bench.RealPhotoNaming.SHOWS;
        List<Path> photos = Stream.of(root.resolve("knn_examples/test"), root).flatMap(TinyFaceRules::jpegs)
                .filter(f -> shows.containsKey(f.getFileName().toString())).toList();
        for (Path f : photos) {
            byte[] bytes = Files.readAllBytes(f);
            List<Face> large = FaceService.largestFirst(engine.analyze(decoder.decode(bytes)));
            float scale = 30f / large.get(0).detection().height();
            RgbImage small = decoder.decode(io.facefleet.bench.RealPhotoNaming.scaled(bytes, scale));
            String truth = String.join("|", shows.get(f.getFileName().toString()));
            for (Face face : FaceService.largestFirst(engine.analyze(small))) {
                if (!TinyFaceCrop.applies(face.detection(), engine.config().tinyFaceHeight())) {
                    throw new IllegalStateException(f + ": a face of " + face.detection().height() + " px is not tiny");
                }
                realQueries.add(tiny(engine, small, face, truth));
            }
        }
        return new Sets(seedGallery, seedQueries, realLabels, realGallery, realQueries);
    }

    private static Tiny largestTiny(FaceEngine engine, RgbImage img, String truth) {
        Face f = FaceService.largestFirst(engine.analyze(img)).get(0);
        return tiny(engine, img, f, truth);
    }

    /** The face's crops' descriptors; L is the engine's own (the shipped crop). */
    static Tiny tiny(FaceEngine engine, RgbImage img, Face f, String truth) {
        Detection b = f.detection();
        double h = b.height();
        double[] clamped = TinyFaceCrop.square(b, f.landmarks());
        double boxSide = TinyFaceCrop.MIN_SIDE * h;
        double boxX = b.x() + b.width() / 2.0;
        double boxY = b.y() + h / 2.0 + TinyFaceCrop.CENTRE_DROP * h;
        double lmX = clamped[0] + clamped[2] / 2;
        double lmY = clamped[1] + clamped[2] / 2;
        double lmSide = clamped[2];
        List<float[]> inputs = List.of(
                square(img, boxX, boxY, boxSide),
                square(img, boxX, boxY, lmSide),
                square(img, lmX, lmY, boxSide));
        float[][] others = engine.recognitionNet().forwardPixels(inputs);
        return new Tiny(truth, new float[][] {f.descriptor(), others[0], others[1], others[2]});
    }

    private static float[] square(RgbImage img, double cx, double cy, double side) {
        return TinyFaceCrop.sample(img, cx - side / 2, cy - side / 2, side, 150);
    }

    private static Stream<Path> jpegs(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".jpg")).sorted().toList().stream();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static void write(Path file, Sets s) throws IOException {
        try (DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(file)))) {
            writeTiny(out, s.seedGallery());
            writeTiny(out, s.seedQueries());
            out.writeInt(s.realLabels().size());
            for (int k = 0; k < s.realLabels().size(); k++) {
                out.writeUTF(s.realLabels().get(k));
                writeVector(out, s.realGallery().get(k));
            }
            writeTiny(out, s.realQueries());
        }
    }

    static Sets read(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(file)))) {
            List<Tiny> sg = readTiny(in);
            List<Tiny> sq = readTiny(in);
            int n = in.readInt();
            List<String> labels = new ArrayList<>();
            List<float[]> gallery = new ArrayList<>();
            for (int k = 0; k < n; k++) {
                labels.add(in.readUTF());
                gallery.add(readVector(in));
            }
            return new Sets(sg, sq, labels, gallery, readTiny(in));
        }
    }

    private static void writeTiny(DataOutputStream out, List<Tiny> list) throws IOException {
        out.writeInt(list.size());
        for (Tiny t : list) {
            out.writeUTF(t.truth());
            out.writeInt(t.d().length);
            for (float[] v : t.d()) {
                writeVector(out, v);
            }
        }
    }

    private static List<Tiny> readTiny(DataInputStream in) throws IOException {
        int n = in.readInt();
        List<Tiny> out = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            String truth = in.readUTF();
            float[][] d = new float[in.readInt()][];
            for (int c = 0; c < d.length; c++) {
                d[c] = readVector(in);
            }
            out.add(new Tiny(truth, d));
        }
        return out;
    }

    private static void writeVector(DataOutputStream out, float[] v) throws IOException {
        out.writeInt(v.length);
        for (float x : v) {
            out.writeFloat(x);
        }
    }

    private static float[] readVector(DataInputStream in) throws IOException {
        float[] v = new float[in.readInt()];
        for (int k = 0; k < v.length; k++) {
            v[k] = in.readFloat();
        }
        return v;
    }
}
