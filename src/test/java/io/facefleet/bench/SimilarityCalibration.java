package io.facefleet.bench;

import io.facefleet.engine.EngineConfig;
import io.facefleet.engine.Face;
import io.facefleet.engine.FaceEngine;
import io.facefleet.engine.image.ImageDecoder;
import io.facefleet.gallery.Gallery;
import io.facefleet.rekognition.Similarity;
import io.facefleet.testing.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Calibrates Rekognition's Similarity (rekognition.Similarity) on the labelled photo sets: every
 * same-person and different-person pair within face_recognition's knn_examples/train, Azure's
 * labelled portraits and dlib's five Johns (largest face of each photo, byte-identical copies
 * counted once), their descriptor distances, the width w that maps the median same-person
 * distance m to Similarity 99 with Similarity 80 fixed at the threshold t (w = (t - m) / ln(99/4)),
 * and what each Similarity threshold then means: its distance, and the false match and false
 * non-match rates on these pairs. Prints the figures and writes them into docs/accuracy.md
 * between its similarity markers. Run by tools/bench/similarity.sh. Usage: SimilarityCalibration [docs/accuracy.md]
 */
public final class SimilarityCalibration {

    private static final double T = 0.6;
    private static final double[] LEVELS = {50, 70, 80, 90, 95, 99};
    static final String BEGIN = "<!-- similarity calibration: begin (written by tools/bench/similarity.sh) -->";
    static final String END = "<!-- similarity calibration: end -->";

    record Labelled(String set, String person, String file, float[] descriptor) {
    }

    public static void main(String[] args) throws Exception {
        Path root = TestData.datasets();
        List<Labelled> faces = new ArrayList<>();
        try (FaceEngine engine = FaceEngine.load(EngineConfig.defaults())) {
            ImageDecoder decoder = new ImageDecoder();
            Set<String> seen = new HashSet<>();
            Path train = root.resolve("face_recognition_examples/examples/knn_examples/train");
            try (Stream<Path> people = Files.list(train)) {
                for (Path person : people.sorted().toList()) {
                    try (Stream<Path> files = Files.list(person)) {
                        for (Path f : files.sorted().toList()) {
                            add(faces, seen, engine, decoder, "face_recognition", person.getFileName().toString(), f);
                        }
                    }
                }
            }
            for (String set : List.of("azure_face_samples", "dlib_johns")) {
                List<String> rows = Files.readAllLines(root.resolve(set).resolve("labels_identities.csv").toFile().exists()
                        ? root.resolve(set).resolve("labels_identities.csv") : root.resolve(set).resolve("labels.csv"));
                for (String row : rows.subList(1, rows.size())) {
                    String[] cols = row.split(",");
                    add(faces, seen, engine, decoder, set, cols[0], root.resolve(set).resolve(cols[1]));
                }
            }
        }
        List<Double> same = new ArrayList<>();
        List<Double> different = new ArrayList<>();
        for (int i = 0; i < faces.size(); i++) {
            for (int j = i + 1; j < faces.size(); j++) {
                Labelled a = faces.get(i);
                Labelled b = faces.get(j);
                if (!a.set().equals(b.set())) {
                    continue;
                }
                double d = Gallery.distance(a.descriptor(), b.descriptor());
                (a.person().equals(b.person()) ? same : different).add(d);
            }
        }
        same.sort(null);
        different.sort(null);
        double m = median(same);
        double w = (T - m) / Math.log(99.0 / 4.0);
        String report = report(faces, same, different, m, w);
        System.out.println(report);
        Path doc = Path.of(args.length > 0 ? args[0] : "docs/accuracy.md");
        if (Files.isRegularFile(doc)) {
            String text = Files.readString(doc);
            String block = BEGIN + "\n" + report + END;
            int b = text.indexOf(BEGIN);
            int e = text.indexOf(END);
            text = b >= 0 && e > b ? text.substring(0, b) + block + text.substring(e + END.length())
                    : text + "\n## Similarity (Rekognition's 0-100 scale)\n\n" + block + "\n";
            Files.writeString(doc, text);
            System.out.println("written into " + doc);
        }
    }

    private static void add(List<Labelled> faces, Set<String> seen, FaceEngine engine, ImageDecoder decoder, String set,
                            String person, Path file) throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        if (!seen.add(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)))) {
            return; // a byte-identical copy: one pair of it with itself would be distance 0
        }
        List<Face> found = new ArrayList<>(engine.analyze(decoder.decode(bytes)));
        if (found.isEmpty()) {
            System.out.println("no face: " + file);
            return;
        }
        found.sort((x, y) -> Float.compare(y.detection().width() * y.detection().height(), x.detection().width() * x.detection().height()));
        faces.add(new Labelled(set, person, file.getFileName().toString(), found.get(0).descriptor()));
    }

    private static String report(List<Labelled> faces, List<Double> same, List<Double> different, double m, double w) {
        Similarity s = new Similarity(T, w);
        StringBuilder r = new StringBuilder();
        r.append(String.format(Locale.ROOT, "Faces: %d (face_recognition %d, azure_face_samples %d, dlib_johns %d); pairs within each set:"
                + " %d same-person, %d different-person.%n%n", faces.size(), count(faces, "face_recognition"),
                count(faces, "azure_face_samples"), count(faces, "dlib_johns"), same.size(), different.size()));
        r.append(String.format(Locale.ROOT, "| pairs | min | 5th pct | median | 95th pct | max |%n|---|---|---|---|---|---|%n"));
        r.append(String.format(Locale.ROOT, "| same person | %.3f | %.3f | %.3f | %.3f | %.3f |%n", same.get(0), pct(same, 5), m,
                pct(same, 95), same.get(same.size() - 1)));
        r.append(String.format(Locale.ROOT, "| different people | %.3f | %.3f | %.3f | %.3f | %.3f |%n%n", different.get(0),
                pct(different, 5), median(different), pct(different, 95), different.get(different.size() - 1)));
        r.append(String.format(Locale.ROOT, "Fit: Similarity(t = %.2f) = 80 and Similarity(median same-person %.4f) = 99 give"
                + " **w = %.4f**, d0 = t + w ln 4 = %.4f (the constant `Similarity.WIDTH`).%n%n", T, m, w, T + w * Math.log(4)));
        r.append(String.format(Locale.ROOT, "| Similarity threshold | largest distance | false matches (different-person pairs at or above it) |"
                + " false non-matches (same-person pairs below it) |%n|---|---|---|---|%n"));
        for (double level : LEVELS) {
            double dMax = s.maxDistance(level);
            long fm = different.stream().filter(d -> d <= dMax).count();
            long fnm = same.stream().filter(d -> d > dMax).count();
            r.append(String.format(Locale.ROOT, "| %.0f | %.3f | %d of %d (%.2f %%) | %d of %d (%.2f %%) |%n", level, dMax, fm, different.size(),
                    100.0 * fm / different.size(), fnm, same.size(), 100.0 * fnm / same.size()));
        }
        double eer = eer(same, different);
        r.append(String.format(Locale.ROOT, "%nEqual error rate on these pairs: %.2f %% (where false matches and false non-matches"
                + " meet). Different-person median %.3f is Similarity %.4f; the same-person maximum %.3f is Similarity %.2f.%n",
                100 * eer, median(different), s.of(median(different)), same.get(same.size() - 1), s.of(same.get(same.size() - 1))));
        return r.toString();
    }

    private static long count(List<Labelled> faces, String set) {
        return faces.stream().filter(f -> f.set().equals(set)).count();
    }

    private static double median(List<Double> sorted) {
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static double pct(List<Double> sorted, double p) {
        return sorted.get((int) Math.min(sorted.size() - 1, Math.round(p / 100 * (sorted.size() - 1))));
    }

    /** The smallest max(FMR, FNMR) over every distance threshold (the EER on a finite set of pairs). */
    private static double eer(List<Double> same, List<Double> different) {
        double best = 1;
        List<Double> cuts = new ArrayList<>(same);
        cuts.addAll(different);
        for (double c : cuts) {
            double fm = different.stream().filter(d -> d <= c).count() / (double) different.size();
            double fnm = same.stream().filter(d -> d > c).count() / (double) same.size();
            best = Math.min(best, Math.max(fm, fnm));
        }
        return best;
    }

}
