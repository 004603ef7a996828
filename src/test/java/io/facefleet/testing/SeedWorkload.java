package io.facefleet.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/** The seed's workload: its ten labelled images, its ground truth, and its grader's 100-thread client. */
public final class SeedWorkload {

    /** Labels of test_0..9 (image i of the workload is a copy of image i mod 10). */
    public static final String[] LABELS = {"Paul", "Emily", "Bob", "German", "Emily", "Gerry", "Gerry", "Ranil", "Bill", "Wang"};

    private SeedWorkload() {
    }

    /** Enrols the ten distinct images through the API, each under its label. */
    public static void enrolTen(RunningService service, Path images, String nameFormat) throws Exception {
        for (int i = 0; i < 10; i++) {
            String name = String.format(nameFormat, i) + ".jpg";
            HttpResponse<String> r = service.postFile("/api/v1/subjects/" + LABELS[i], "inputFile", name, Files.readAllBytes(images.resolve(name)));
            assertEquals(200, r.statusCode(), r.body());
        }
    }

    /** Image name without extension → label, from one of the seed's CSVs under cse546/. */
    public static Map<String, String> truth(String csv) throws IOException {
        Map<String, String> t = new HashMap<>();
        List<String> lines = Files.readAllLines(TestData.dataset("cse546/" + csv));
        for (String line : lines.subList(1, lines.size())) {
            String[] cols = line.split(",");
            t.put(cols[0].strip(), cols[1].strip());
        }
        return t;
    }

    /**
     * Sends {@code count} seed requests for images {@code first...} from 100 client threads, as the
     * seed's grader does; {@code onAnswer} hears the running count. Answers in request order, as
     * "status body", or "error ..." when the connection failed.
     */
    public static List<String> send(RunningService service, Path images, String nameFormat, int first, int count,
                                    IntConsumer onAnswer) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(100);
        AtomicInteger answered = new AtomicInteger();
        try {
            List<Future<String>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String name = String.format(nameFormat, first + i) + ".jpg";
                byte[] bytes = Files.readAllBytes(images.resolve(name));
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
