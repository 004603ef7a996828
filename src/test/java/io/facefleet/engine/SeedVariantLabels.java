package io.facefleet.engine;

import io.facefleet.engine.image.ImageDecoder;
import io.facefleet.gallery.Gallery;
import io.facefleet.recognition.FaceService;
import io.facefleet.testing.PhotoVariants;
import io.facefleet.testing.SeedImages;
import io.facefleet.testing.TestData;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Why seed variants are named wrong (issue 14): names variants {@code FROM .. TO-1} of the seed's
 * ten crops through the face service (the ten enrolled, threshold 0.6) with the engine's settings,
 * and writes one CSV row per variant to {@code OUT}: the variant's change (shift, brightness, JPEG
 * quality), the largest face's box and score, where face-api's landmark square lies against the
 * box (the tiny-face crop clamps it: {@link TinyFaceCrop}), the name given, the distance to the
 * right subject and to the nearest other one. Every variant named wrong is printed, then named
 * again by an engine on the whole 512 detector input (margin -1) for comparison. Prints first the
 * distances between the ten enrolled crops.
 * Usage: SeedVariantLabels OUT FROM TO [THREADS]
 */
public final class SeedVariantLabels {

    static final float THRESHOLD = 0.6f;

    private SeedVariantLabels() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        int from = Integer.parseInt(args[1]);
        int to = Integer.parseInt(args[2]);
        int threads = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        List<SeedImages.Labelled> ten = SeedImages.ten();
        Path data = Files.createTempDirectory("seed-labels");
        List<Integer> wrong = new ArrayList<>();
        try (FaceEngine engine = TestData.engine(); PrintWriter csv = new PrintWriter(Files.newBufferedWriter(out))) {
            FaceService service = service(engine, ten, data.resolve("a"));
            float[][] enrolled = enrolled(service, ten);
            printPairs(ten, enrolled);
            csv.println(Row.HEADER);
            String[] rows = new String[to - from];
            boolean[] ok = new boolean[to - from];
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<?>> jobs = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int first = from + t;
                jobs.add(pool.submit(() -> {
                    for (int i = first; i < to; i += threads) {
                        Row r = Row.of(service, ten, enrolled, i);
                        rows[i - from] = r.csv();
                        ok[i - from] = r.right();
                    }
                    return null;
                }));
            }
            for (Future<?> f : jobs) {
                f.get();
            }
            pool.shutdown();
            for (int i = from; i < to; i++) {
                csv.println(rows[i - from]);
                if (!ok[i - from]) {
                    wrong.add(i);
                }
            }
            csv.flush();
            System.out.printf(Locale.ROOT, "%d of %d named right (margin %d)%n", to - from - wrong.size(), to - from,
                    engine.config().detectorWindowMargin());
            System.out.println(Row.HEADER);
            wrong.forEach(i -> System.out.println(rows[i - from]));
        }
        try (FaceEngine whole = FaceEngine.load(EngineConfig.defaults().withDetectorWindowMargin(-1))) {
            FaceService service = service(whole, ten, data.resolve("b"));
            float[][] enrolled = enrolled(service, ten);
            System.out.println("the same variants on the whole 512 input (margin -1):");
            int right = 0;
            for (int i : wrong) {
                Row r = Row.of(service, ten, enrolled, i);
                right += r.right() ? 1 : 0;
                System.out.println(r.csv());
            }
            System.out.printf(Locale.ROOT, "margin -1: %d of these %d named right%n", right, wrong.size());
        }
    }

    private static FaceService service(FaceEngine engine, List<SeedImages.Labelled> ten, Path dir) {
        FaceService service = new FaceService(new ImageDecoder(), engine, Gallery.open(dir, THRESHOLD));
        for (SeedImages.Labelled l : ten) {
            service.enroll(l.label(), l.bytes(), l.stem());
        }
        return service;
    }

    private static float[][] enrolled(FaceService service, List<SeedImages.Labelled> ten) {
        float[][] out = new float[ten.size()][];
        for (int k = 0; k < ten.size(); k++) {
            Face f = service.analyze(ten.get(k).bytes()).get(0);
            out[k] = service.enrolmentDescriptor(ten.get(k).bytes(), f);
            Detection b = f.detection();
            System.out.printf(Locale.ROOT, "enrolled %s: score %.3f box %.2f,%.2f %.2fx%.2f, landmark square side %.3f of the box height%n",
                    ten.get(k).stem(), b.score(), b.x(), b.y(), b.width(), b.height(),
                    TinyFaceCrop.landmarkSquare(f.landmarks())[2] / b.height());
        }
        return out;
    }

    /** The distances between the enrolled crops: how far apart the gallery's people are. */
    private static void printPairs(List<SeedImages.Labelled> ten, float[][] enrolled) {
        System.out.println("enrolled crops, nearest other person and nearest same person:");
        for (int a = 0; a < ten.size(); a++) {
            StringBuilder line = new StringBuilder(ten.get(a).stem() + " (" + ten.get(a).label() + "):");
            for (int b = 0; b < ten.size(); b++) {
                if (a != b) {
                    line.append(String.format(Locale.ROOT, " %s %.3f", ten.get(b).label(), distance(enrolled[a], enrolled[b])));
                }
            }
            System.out.println(line);
        }
    }

    static float distance(float[] a, float[] b) {
        double s = 0;
        for (int k = 0; k < a.length; k++) {
            double d = a[k] - b[k];
            s += d * d;
        }
        return (float) Math.sqrt(s);
    }

    /** One variant: its change, what the engine found and named, and the distances behind the name. */
    record Row(int index, SeedImages.Labelled want, PhotoVariants.Change change, int faces, Detection box,
               double[] square, String named, float toRight, String nearestOther, float toOther) {

        static final String HEADER = "variant,crop,label,dx,dy,gain,quality,faces,score,boxX,boxY,boxW,boxH,"
                + "squareSideOverH,squareDxOverW,squareDyOverH,named,distRight,nearestOther,distOther";

        static Row of(FaceService service, List<SeedImages.Labelled> ten, float[][] enrolled, int i) {
            SeedImages.Labelled want = ten.get(i % ten.size());
            PhotoVariants.Change change = SeedImages.change(i);
            List<FaceService.IdentifiedFace> found = service.identify(SeedImages.variant(ten, i));
            if (found.isEmpty()) {
                return new Row(i, want, change, 0, null, null, "no face", Float.NaN, "", Float.NaN);
            }
            Face face = found.get(0).face();
            float toRight = Float.POSITIVE_INFINITY;
            float toOther = Float.POSITIVE_INFINITY;
            String other = "";
            for (int k = 0; k < ten.size(); k++) {
                float d = distance(face.descriptor(), enrolled[k]);
                if (ten.get(k).label().equals(want.label())) {
                    toRight = Math.min(toRight, d);
                } else if (d < toOther) {
                    toOther = d;
                    other = ten.get(k).label();
                }
            }
            Detection b = face.detection();
            double[] sq = TinyFaceCrop.landmarkSquare(face.landmarks());
            double[] where = {sq[2] / b.height(),
                    (sq[0] + sq[2] / 2 - (b.x() + b.width() / 2)) / b.width(),
                    (sq[1] + sq[2] / 2 - (b.y() + b.height() / 2)) / b.height()};
            return new Row(i, want, change, found.size(), b, where, found.get(0).match().labelOr("Unknown"),
                    toRight, other, toOther);
        }

        boolean right() {
            return named.equals(want.label());
        }

        String csv() {
            String head = String.format(Locale.ROOT, "%d,%s,%s,%d,%d,%.3f,%.3f,%d", index, want.stem(), want.label(),
                    change.dx(), change.dy(), change.gain(), change.quality(), faces);
            if (box == null) {
                return head + ",,,,,,,,," + named + ",,,";
            }
            return head + String.format(Locale.ROOT, ",%.3f,%.2f,%.2f,%.2f,%.2f,%.3f,%.3f,%.3f,%s,%.3f,%s,%.3f",
                    box.score(), box.x(), box.y(), box.width(), box.height(), square[0], square[1], square[2],
                    named, toRight, nearestOther, toOther);
        }
    }
}
