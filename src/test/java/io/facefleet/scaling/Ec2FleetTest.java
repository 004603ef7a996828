package io.facefleet.scaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;

/**
 * The EC2 fleet driver through Camel's real aws2-ec2 endpoint, against {@link FakeEc2Client} (a
 * fake: there is no EC2 emulator here). Start/stop and run/terminate reconcile to the desired
 * count, never exceed the maximum, and never launch twice when a response is lost or describe
 * lags behind.
 */
class Ec2FleetTest {

    @RegisterExtension
    final Ec2FleetFixture fleet = new Ec2FleetFixture();

    private Ec2Fleet driver(Ec2Fleet.Mode mode, int max) {
        return fleet.driver(mode, max, 8 * Ec2FleetFixture.BACKOFF);
    }

    @Test
    void startStopStartsLowestNumbersFirstAndStopsHighestFirst() throws Exception {
        for (int n = 1; n <= 5; n++) {
            fleet.ec2.preCreate("app-tier-instance-" + n, Map.of("facefleet:fleet", "test"), InstanceStateName.STOPPED);
        }
        fleet.ec2.preCreate("someone-elses", Map.of("team", "other"), InstanceStateName.STOPPED);
        Ec2Fleet d = driver(Ec2Fleet.Mode.START_STOP, 20);
        d.reconcile(3);
        assertEquals(Set.of("app-tier-instance-1", "app-tier-instance-2", "app-tier-instance-3"), fleet.names(InstanceStateName.PENDING));
        assertEquals(3, d.running());
        long starts = fleet.ec2.calls.stream().filter(c -> c.equals("ec2:StartInstances")).count();
        d.reconcile(3);
        assertEquals(starts, fleet.ec2.calls.stream().filter(c -> c.equals("ec2:StartInstances")).count(), "the same count again changes nothing");
        d.reconcile(1);
        assertEquals(Set.of("app-tier-instance-2", "app-tier-instance-3"), fleet.names(InstanceStateName.STOPPING));
        assertEquals(1, d.running());
        assertEquals(2, d.draining());
        d.reconcile(9);
        assertEquals(3, d.running(), "instances still stopping cannot be started yet");
        d.reconcile(9);
        assertEquals(5, d.running(), "only five instances exist to start");
        d.reconcile(0);
        d.reconcile(0); // 2 and 3 were still pending at the first: EC2 does not stop a pending instance
        d.reconcile(0);
        assertEquals(0, d.running());
        assertEquals(Set.of("someone-elses", "app-tier-instance-1", "app-tier-instance-2", "app-tier-instance-3",
                "app-tier-instance-4", "app-tier-instance-5"), fleet.names(InstanceStateName.STOPPED), "all stopped, the untagged one never touched");
    }

    @Test
    void launchTemplateModeRunsAndTerminatesWithinTheMaximum() throws Exception {
        fleet.ec2.describeLag = 2;
        Ec2Fleet d = driver(Ec2Fleet.Mode.LAUNCH_TEMPLATE, 4);
        d.reconcile(3);
        d.reconcile(3);
        d.reconcile(3);
        assertEquals(3, fleet.ec2.calls.stream().filter(c -> c.equals("ec2:RunInstances")).count(), "describe lagging behind caused no second launch");
        d.reconcile(25);
        assertEquals(4, d.running());
        assertEquals(4, fleet.ec2.peakAlive, "never more than the maximum");
        assertEquals(Set.of("app-tier-instance-1", "app-tier-instance-2", "app-tier-instance-3", "app-tier-instance-4"),
                fleet.names(InstanceStateName.PENDING, InstanceStateName.RUNNING));
        fleet.ec2.describeLag = 0;
        d.reconcile(4);
        d.reconcile(4);
        d.reconcile(1);
        d.reconcile(1);
        assertEquals(Set.of("app-tier-instance-1"), fleet.names(InstanceStateName.PENDING, InstanceStateName.RUNNING));
        d.reconcile(0);
        d.reconcile(0);
        assertEquals(0, fleet.ec2.count(InstanceStateName.PENDING, InstanceStateName.RUNNING));
    }

    @Test
    void aLostLaunchResponseIsRetriedWithItsClientTokenAndLaunchesOnce() throws Exception {
        fleet.ec2.loseLaunchResponses = 1;
        Ec2Fleet d = driver(Ec2Fleet.Mode.LAUNCH_TEMPLATE, 20);
        d.reconcile(1);
        assertEquals(1, fleet.ec2.all().size(), "EC2 applied the launch");
        assertEquals(1, d.running(), "the unanswered launch counts as running");
        fleet.ec2.describeLag = 0;
        d.reconcile(1);
        d.reconcile(1);
        assertEquals(1, fleet.ec2.all().size(), "the retry returned the first launch: no second instance");
    }

    @Test
    void randomDemandWithFaultsNeverExceedsTheMaximumAndConverges() throws Exception {
        Random random = new Random(42);
        Ec2Fleet d = driver(Ec2Fleet.Mode.LAUNCH_TEMPLATE, 20);
        for (int tick = 0; tick < 300; tick++) {
            fleet.ec2.describeLag = random.nextInt(3);
            if (random.nextInt(10) == 0) {
                fleet.ec2.loseLaunchResponses = 1;
            }
            d.reconcile(random.nextInt(30));
            assertTrue(fleet.ec2.peakAlive <= 20, "alive instances " + fleet.ec2.peakAlive + " at tick " + tick);
        }
        fleet.ec2.describeLag = 0;
        fleet.ec2.loseLaunchResponses = 0;
        for (int i = 0; i < 4; i++) {
            d.reconcile(7);
        }
        assertEquals(7, fleet.ec2.count(InstanceStateName.PENDING, InstanceStateName.RUNNING));
        assertEquals(7, d.running());
        List<Instance> alive = fleet.ec2.all().stream().filter(i -> i.state().name() == InstanceStateName.RUNNING).toList();
        assertEquals(7, alive.stream().map(i -> i.tags().toString()).distinct().count(), "each running instance has its own name");
    }
}
