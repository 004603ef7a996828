package io.facefleet.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.facefleet.engine.Face;
import io.facefleet.engine.FaceEngine;
import io.facefleet.engine.image.ImageDecoder;
import io.facefleet.gallery.Gallery;
import io.facefleet.testing.SyntheticFaces;
import io.facefleet.testing.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The pool of real faces the gallery benchmark's like-real draw takes its centres' covariance
 * from ({@link SyntheticFaces#likeReal}): one descriptor per person found in every photo of the
 * datasets folder and the face package's demo photos (a face within 0.6 of one kept is taken for
 * the same person and left out; byte-identical files are read once). Prints, for the pool and
 * for as many faces of each synthetic draw, the effective number of dimensions (the participation
 * ratio of the covariance's eigenvalues, (sum l)^2 / sum l^2: 128 for spread alike in every
 * direction) and the distances between different people: what "drawn like real ones" is checked by.
 */
final class RealFacePool {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final float SAME_PERSON = 0.6f;

    private RealFacePool() {
    }

    static void compute(Path out) throws Exception {
        FaceEngine engine = TestData.engine();
        ImageDecoder decoder = new ImageDecoder();
        String env = System.getenv("FACEFLEET_DATASETS");
        Path sets = Path.of(env != null && !env.isBlank() ? env : "../shared/datasets");
        List<Path> photos = new ArrayList<>();
        if (Files.isDirectory(sets)) {
            try (Stream<Path> all = Files.walk(sets)) {
                all.filter(Files::isRegularFile).filter(RealFacePool::isPhoto).sorted().forEach(photos::add);
            }
        } else {
            System.out.println("real face pool: no photo sets at " + sets.toAbsolutePath() + " (set FACEFLEET_DATASETS): demo photos only");
        }
        try (Stream<Path> demo = Files.list(TestData.buildDir().resolve("face-api/demo"))) {
            demo.filter(RealFacePool::isPhoto).sorted().forEach(photos::add);
        }
        Set<String> seen = new HashSet<>();
        List<float[]> pool = new ArrayList<>();
        int read = 0;
        int unreadable = 0;
        for (Path p : photos) {
            byte[] bytes = Files.readAllBytes(p);
            if (!seen.add(Arrays.toString(MessageDigest.getInstance("SHA-256").digest(bytes)))) {
                continue;
            }
            List<Face> faces;
            try {
                faces = engine.analyze(decoder.decode(bytes));
                read++;
            } catch (RuntimeException e) {
                unreadable++;
                continue;
            }
            for (Face f : faces) {
                if (pool.stream().allMatch(k -> Gallery.distance(k, f.descriptor()) >= SAME_PERSON)) {
                    pool.add(f.descriptor());
                }
            }
        }
        StringBuilder lines = new StringBuilder();
        for (float[] d : pool) {
            lines.append(JSON.writeValueAsString(d)).append('\n');
        }
        Files.writeString(out, lines);
        System.out.printf(Locale.ROOT, "real face pool: %d people from %d distinct photos (%d not readable), into %s%n", pool.size(), read,
                unreadable, out);
        int n = pool.size();
        SyntheticFaces isotropic = new SyntheticFaces(16);
        SyntheticFaces likeReal = SyntheticFaces.likeReal(16, pool, GalleryBench.POOL_SHRINK);
        List<float[]> iso = new ArrayList<>();
        List<float[]> real = new ArrayList<>();
        for (int s = 0; s < n; s++) {
            iso.add(isotropic.face(s, 0));
            real.add(likeReal.face(s, 0));
        }
        System.out.println(describe("real faces (the pool)", pool));
        System.out.println(describe("isotropic draw", iso));
        System.out.println(describe("like-real draw (shrink " + GalleryBench.POOL_SHRINK + ")", real));
        engine.close();
    }

    static List<float[]> load(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new IllegalStateException(file + " is absent: run GalleryBench pool first (tools/bench/gallery-bench.sh does with BENCH_DRAW=real)");
        }
        List<float[]> out = new ArrayList<>();
        for (String l : Files.readAllLines(file)) {
            out.add(JSON.readValue(l, float[].class));
        }
        return out;
    }

    private static boolean isPhoto(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".jpg") || n.endsWith(".jpeg") || n.endsWith(".png");
    }

    /** Effective dimensions and different-person distances (5th, 50th, 95th percentile) of one face per person. */
    static String describe(String what, List<float[]> faces) {
        int n = faces.size();
        int d = faces.get(0).length;
        double[] mean = new double[d];
        for (float[] x : faces) {
            for (int i = 0; i < d; i++) {
                mean[i] += x[i] / (double) n;
            }
        }
        double[][] cov = new double[d][d];
        for (float[] x : faces) {
            for (int i = 0; i < d; i++) {
                double a = x[i] - mean[i];
                for (int j = 0; j < d; j++) {
                    cov[i][j] += a * (x[j] - mean[j]) / (n - 1);
                }
            }
        }
        double trace = 0;
        double frobenius = 0;
        for (int i = 0; i < d; i++) {
            trace += cov[i][i];
            for (int j = 0; j < d; j++) {
                frobenius += cov[i][j] * cov[i][j];
            }
        }
        List<Double> dist = new ArrayList<>();
        double norms = 0;
        for (int a = 0; a < n; a++) {
            norms += Math.sqrt(dot(faces.get(a), faces.get(a))) / n;
            for (int b = a + 1; b < n; b++) {
                dist.add(Gallery.distance(faces.get(a), faces.get(b)));
            }
        }
        dist.sort(null);
        return String.format(Locale.ROOT, "%s: %d faces, effective dimensions %.1f of %d, different people apart p5 %.3f / p50 %.3f / p95 %.3f,"
                        + " mean norm %.3f", what, n, trace * trace / frobenius, d, pct(dist, 5), pct(dist, 50), pct(dist, 95), norms);
    }

    private static double pct(List<Double> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * (double) b[i];
        }
        return s;
    }
}
