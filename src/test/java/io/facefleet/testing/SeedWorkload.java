package io.facefleet.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * The seed's workload shape on faces every checkout has: ten people from the demo photos
 * ({@link DemoFaces}) enrolled by their portraits, then requests named {@code test_NNN.jpg} whose
 * image {@code i} is a fresh variant of person {@code i mod 10}, sent from 100 client threads as
 * the seed's grader does. Each request's bytes are distinct, so no cache answers for it.
 */
public final class SeedWorkload {

    /** People enrolled, as in the seed (ten labelled images). */
    public static final int PEOPLE = 10;

    private SeedWorkload() {
    }

    /** The people of the workload. */
    public static List<DemoFaces.Person> people() {
        return DemoFaces.people(PEOPLE);
    }

    /** The request name of image {@code i} without extension: test_000, test_001, ... */
    public static String stem(int i) {
        return String.format("test_%03d", i);
    }

    /** The label image {@code i} must be answered with. */
    public static String label(int i) {
        return people().get(i % PEOPLE).label();
    }

    /** Image {@code i}: a variant of person {@code i mod 10} that no other index shares. */
    public static byte[] image(int i) {
        return people().get(i % PEOPLE).variant(1_000_003L * (i + 1));
    }

    /** The seed's answer to image {@code i}: "200 test_NNN:label". */
    public static String rightAnswer(int i) {
        return "200 " + stem(i) + ":" + label(i);
    }

    /** Enrols the ten people through the API, each by its portrait. */
    public static void enrolTen(RunningService service) throws Exception {
        for (DemoFaces.Person p : people()) {
            HttpResponse<String> r = service.postFile("/api/v1/subjects/" + p.label(), "inputFile", p.label() + ".jpg", p.portrait());
            assertEquals(200, r.statusCode(), r.body());
        }
    }

    /**
     * Sends {@code count} requests for images {@code first...} from 100 client threads; {@code onAnswer}
     * hears the running count. Answers in request order, as "status body", or "error ..." when the
     * connection failed.
     */
    public static List<String> send(RunningService service, int first, int count, IntConsumer onAnswer) throws Exception {
        List<byte[]> images = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            images.add(image(first + i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(100);
        AtomicInteger answered = new AtomicInteger();
        try {
            List<Future<String>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String name = stem(first + i) + ".jpg";
                byte[] bytes = images.get(i);
                futures.add(pool.submit(() -> {
                    String result;
                    try {
                        HttpResponse<String> r = service.postFile("/", "inputFile", name, bytes);
                        result = r.statusCode() + " " + r.body();
                    } catch (IOException e) {
                        result = "error " + e;
                    }
                    if (onAnswer != null) {
                        onAnswer.accept(answered.incrementAndGet());
                    }
                    return result;
                }));
            }
            List<String> out = new ArrayList<>();
            for (Future<String> f : futures) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }
}
