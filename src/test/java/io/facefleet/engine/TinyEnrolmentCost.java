package io.facefleet.engine;

import io.facefleet.engine.image.ImageDecoder;
import io.facefleet.gallery.Gallery;
import io.facefleet.recognition.FaceService;
import io.facefleet.testing.Rounds;
import io.facefleet.testing.SeedImages;
import java.nio.file.Files;
import java.util.List;
import java.util.Locale;

/**
 * What the tiny-face enrolment mean costs (docs/accuracy.md, "Tiny-face rules measured on both
 * sets"): two engines, the mean off and on, alternating rounds on one thread; each round enrols the
 * seed's ten crops into a fresh gallery and names {@code QUERIES} seed variants. Prints, per engine,
 * the median over rounds of ms per enrolment and per query. Usage: TinyEnrolmentCost ROUNDS QUERIES
 */
public final class TinyEnrolmentCost {

    private TinyEnrolmentCost() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = Integer.parseInt(args[0]);
        int queries = Integer.parseInt(args[1]);
        List<SeedImages.Labelled> ten = SeedImages.ten();
        boolean[] mean = {false, true};
        FaceEngine[] engines = new FaceEngine[2];
        double[][] enrolMs = new double[2][rounds];
        double[][] queryMs = new double[2][rounds];
        for (int e = 0; e < 2; e++) {
            engines[e] = FaceEngine.load(EngineConfig.defaults().withTinyFaceEnrolmentMean(mean[e]));
        }
        for (int r = -1; r < rounds; r++) { // round -1 warms both up
            for (int e = 0; e < 2; e++) {
                FaceService service = new FaceService(new ImageDecoder(), engines[e],
                        Gallery.open(Files.createTempDirectory("enrol-cost"), 0.6f), new io.facefleet.recognition.AnalysisCache(0));
                long t0 = System.nanoTime();
                for (SeedImages.Labelled l : ten) {
                    service.enroll(l.label(), l.bytes(), l.stem());
                }
                long t1 = System.nanoTime();
                for (int i = 0; i < queries; i++) {
                    service.identify(SeedImages.variant(ten, i));
                }
                long t2 = System.nanoTime();
                if (r >= 0) {
                    enrolMs[e][r] = (t1 - t0) / 1e6 / ten.size();
                    queryMs[e][r] = (t2 - t1) / 1e6 / queries;
                }
            }
        }
        for (int e = 0; e < 2; e++) {
            System.out.printf(Locale.ROOT, "{\"enrolmentMean\":%b,\"rounds\":%d,\"msPerEnrolment\":%.1f,\"msPerQuery\":%.1f}%n",
                    mean[e], rounds, Rounds.median(enrolMs[e]), Rounds.median(queryMs[e]));
            engines[e].close();
        }
    }
}
