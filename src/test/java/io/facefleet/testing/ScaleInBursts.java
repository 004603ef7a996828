package io.facefleet.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.facefleet.scaling.FleetController;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

/**
 * The workload of the scale-in tests: a burst of distinct labelled images (variants of the demo
 * portraits), a wait until the fleet shrinks, and a second burst sent while workers are leaving.
 */
public final class ScaleInBursts {

    /** One request of a burst: its file name stem, the label it must get, and its answer to come. */
    public record Sent(String stem, String label, CompletableFuture<HttpResponse<String>> answer) {
    }

    private ScaleInBursts() {
    }

    /** Enrols each person's portrait through the API under its label. */
    public static void enrol(RunningService service, List<DemoFaces.Person> people) throws Exception {
        for (DemoFaces.Person p : people) {
            HttpResponse<String> r = service.postFile("/api/v1/subjects/" + p.label(), "inputFile", p.label() + ".jpg", p.portrait());
            assertEquals(200, r.statusCode(), "enrolling " + p.label() + ": " + r.body());
        }
    }

    /** Sends {@code count} seed requests at once, person i mod n in turn, each a new variant (no cache answers). */
    public static List<Sent> burst(RunningService service, List<DemoFaces.Person> people, String name, int count) {
        List<Sent> sent = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            DemoFaces.Person p = people.get(i % people.size());
            String stem = String.format("%s_%03d", name, i);
            byte[] image = p.variant(stem.hashCode() * 7919L + i);
            sent.add(new Sent(stem, p.label(), service.postFileAsync("/", "inputFile", stem + ".jpg", image)));
        }
        return sent;
    }

    /** Every request answered 200 with its own name and its person's label: nothing lost, nothing timed out. */
    public static void assertAllAnsweredRight(List<Sent> sent) throws Exception {
        List<String> wrong = new ArrayList<>();
        for (Sent s : sent) {
            HttpResponse<String> r = s.answer().get();
            String expected = s.stem() + ":" + s.label();
            if (r.statusCode() != 200 || !r.body().equals(expected)) {
                wrong.add(s.stem() + " -> " + r.statusCode() + " " + r.body());
            }
        }
        assertTrue(wrong.isEmpty(), wrong.size() + " of " + sent.size() + " requests not answered right: " + wrong);
    }

    /** Polls {@code condition} every 20 ms until it holds, failing after {@code millis}. */
    public static void await(String what, long millis, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (!condition.getAsBoolean()) {
            assertTrue(System.currentTimeMillis() < deadline, "timed out waiting until " + what);
            Thread.sleep(20);
        }
    }

    /** The scaling tier's controller of {@code service}. */
    public static FleetController controller(RunningService service) {
        return service.context().getRegistry().lookupByNameAndType("fleetController", FleetController.class);
    }
}
