package io.facefleet.aws;

import static io.facefleet.testing.ScaleInBursts.assertAllAnsweredRight;
import static io.facefleet.testing.ScaleInBursts.await;
import static io.facefleet.testing.ScaleInBursts.burst;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.facefleet.scaling.FleetController;
import io.facefleet.scaling.ProcessFleet;
import io.facefleet.testing.AwsServers;
import io.facefleet.testing.DemoFaces;
import io.facefleet.testing.RunningService;
import io.facefleet.testing.ScaleInBursts;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11 finding 6 on the process fleet (ElasticMQ, S3Proxy, app-tier JVMs): a burst, the fleet
 * shrinking after it (a process told to stop while it still holds jobs), and a second burst sent
 * while that process drains. Every request is answered right, no 504; the controller keeps
 * deciding meanwhile and starts a process for the second burst. The visibility timeout stays at
 * the aws default (60 s, past the 40 s reply timeout), so a job cut off by a stop would show as a
 * 504, not be hidden by a redelivery.
 */
class ProcessFleetScaleInTest {

    @TempDir
    Path data;
    private AwsServers aws;
    private RunningService service;

    @AfterEach
    void stop() throws Exception {
        if (service != null) {
            service.close();
        }
        if (aws != null) {
            aws.close();
        }
    }

    @Test
    void aBurstArrivingWhileAProcessDrainsLosesNothing() throws Exception {
        aws = AwsServers.start();
        List<String> settings = new ArrayList<>(aws.settings());
        settings.addAll(List.of("facefleet.aws.app-id=scalein", "facefleet.tiers=web,scaling", "facefleet.fleet=process",
                "facefleet.data-dir=" + data, "facefleet.web.api-keys=test-key",
                "facefleet.workers.min=1", "facefleet.workers.max=2",
                "facefleet.process.classpath=" + System.getProperty("java.class.path"),
                "facefleet.process.jvm-options=-Xmx768m -Dai.djl.offline=true",
                "facefleet.web.reply-timeout-ms=40000", "facefleet.sqs.wait-time-s=1",
                // queue settings whose dead-letter answer fits that wait (checked at start)
                "facefleet.sqs.visibility-timeout-s=5", "facefleet.sqs.max-receives=2", "facefleet.backend.retries=2",
                // one job at a time per process: the first burst outlasts the second process's boot
                "facefleet.sqs.worker-threads=1", "facefleet.workers.target-per-worker=1"));
        service = RunningService.start(settings.toArray(String[]::new));
        service.useApiKey("test-key");
        List<DemoFaces.Person> people = DemoFaces.people(10);
        ScaleInBursts.enrol(service, people);
        FleetController c = ScaleInBursts.controller(service);
        ProcessFleet fleet = (ProcessFleet) c.driver();
        // every host GETs the next entry of the gallery's log every facefleet.gallery.s3.poll-ms (250 ms), so every
        // read that starts well after one poll and a GET past the last enrolment sees it: this wait is that bound, not a guess
        Thread.sleep(1500);

        List<ScaleInBursts.Sent> first = burst(service, people, "first", 48);
        await("the fleet grows for the first burst", 30_000, () -> c.getRunning() == 2);
        // more jobs in flight than one process's consumer threads: the second process is up and working,
        // so the process that leaves holds jobs when it is told to stop
        await("both processes work on the first burst", 120_000, () -> c.getInFlight() > 1);
        await("the fleet shrinks: a process is draining", 90_000, () -> c.getDraining() > 0);
        long ticksAtDrain = c.getTicks();
        int servingAtSecond = c.getRunning();
        List<ScaleInBursts.Sent> second = burst(service, people, "second", 24);
        await("a process is started for the second burst", 30_000, () -> c.getRunning() > servingAtSecond);

        List<ScaleInBursts.Sent> all = new ArrayList<>(first);
        all.addAll(second);
        assertAllAnsweredRight(all);
        assertTrue(c.getTicksWhileDraining() > 0, "the controller decided while a process drained");
        assertTrue(c.getTicks() > ticksAtDrain, "ticks went on after the drain began");
        await("the draining process has exited", 60_000, () -> c.getDraining() == 0);
        assertEquals(0, fleet.killedAfterDrainTimeout(), "no process had to be killed: each finished its jobs and exited");
        assertEquals(0, aws.awaitEmpty(aws.sqsClient(), "scalein-req-queue", 15_000), "messages left in the request queue");
        System.out.printf("process-fleet scale-in: %d requests answered right; %d of %d ticks while draining%n",
                all.size(), c.getTicksWhileDraining(), c.getTicks());
    }
}
