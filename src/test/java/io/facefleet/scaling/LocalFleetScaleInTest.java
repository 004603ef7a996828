package io.facefleet.scaling;

import static io.facefleet.testing.ScaleInBursts.assertAllAnsweredRight;
import static io.facefleet.testing.ScaleInBursts.await;
import static io.facefleet.testing.ScaleInBursts.burst;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.facefleet.testing.DemoFaces;
import io.facefleet.testing.RunningService;
import io.facefleet.testing.ScaleInBursts;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11 finding 6 on the embedded default: a burst, the fleet shrinking after it, and a second
 * burst arriving while workers leave. Every request is answered right (no 504), the controller
 * keeps deciding while workers drain, and it scales out again for the second burst.
 */
class LocalFleetScaleInTest {

    @TempDir
    Path data;
    private RunningService service;

    @AfterEach
    void stop() throws Exception {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void aBurstArrivingWhileWorkersLeaveLosesNothing() throws Exception {
        service = RunningService.start("facefleet.data-dir=" + data, "facefleet.workers.min=1", "facefleet.workers.max=4",
                // a lost job shows as a 504 within the test, not after two minutes
                "facefleet.web.reply-timeout-ms=40000",
                // Camel's graceful-stop timeout short, as a forced stop is what used to cost requests
                "camel.main.shutdownTimeout=5");
        List<DemoFaces.Person> people = DemoFaces.people(10);
        ScaleInBursts.enrol(service, people);
        FleetController c = ScaleInBursts.controller(service);
        LocalFleet fleet = (LocalFleet) c.driver();

        List<ScaleInBursts.Sent> first = burst(service, people, "first", 40);
        await("the fleet grows for the first burst", 30_000, () -> c.getRunning() > 1);
        await("the fleet shrinks: a worker is leaving", 60_000, () -> c.getDraining() > 0);
        long ticksAtDrain = c.getTicks();
        int runningAtSecond = c.getRunning();
        AtomicBoolean watching = new AtomicBoolean(true);
        AtomicInteger peakAfter = new AtomicInteger();
        Thread watcher = new Thread(() -> {
            while (watching.get()) {
                peakAfter.accumulateAndGet(c.getRunning(), Math::max);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        watcher.start();
        List<ScaleInBursts.Sent> second = burst(service, people, "second", 60);

        List<ScaleInBursts.Sent> all = new ArrayList<>(first);
        all.addAll(second);
        assertAllAnsweredRight(all);
        watching.set(false);
        watcher.join();

        assertTrue(c.getTicksWhileDraining() > 0, "the controller decided while workers drained (ticks " + c.getTicks() + ")");
        assertTrue(c.getTicks() > ticksAtDrain, "ticks went on after the drain began");
        assertTrue(peakAfter.get() > runningAtSecond || runningAtSecond == 4,
                "a worker was added for the second burst: " + runningAtSecond + " serving when it came, at most " + peakAfter.get() + " after");
        await("every leaving worker is gone", 30_000, () -> c.getDraining() == 0);
        assertTrue(fleet.drained() > 0, "workers left by draining");
        System.out.printf("in-JVM scale-in: %d requests answered right; %d workers drained; %d of %d ticks while draining%n",
                all.size(), fleet.drained(), c.getTicksWhileDraining(), c.getTicks());
    }
}
