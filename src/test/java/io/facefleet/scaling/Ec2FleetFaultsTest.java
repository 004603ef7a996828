package io.facefleet.scaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateSpecification;
import software.amazon.awssdk.services.ec2.model.RunInstancesRequest;
import software.amazon.awssdk.services.ec2.model.StartInstancesRequest;
import software.amazon.awssdk.services.ec2.model.StopInstancesRequest;

/**
 * Issue 12 finding 1: the EC2 driver believes only what EC2 shows. Against {@link FakeEc2Client}
 * (a fake, following EC2's state and quota rules; there is no EC2 emulator here): refused
 * launches are not counted and are retried with backoff, launches that never appear expire,
 * instances stopped or terminated by someone else are noticed and replaced, and scale-in picks
 * instances that hold no jobs first and never stops a pending one. Time is the fake's clock.
 */
class Ec2FleetFaultsTest {

    @RegisterExtension
    final Ec2FleetFixture fleet = new Ec2FleetFixture();

    private Ec2Fleet driver(Ec2Fleet.Mode mode) {
        return fleet.driver(mode, 20, 4 * Ec2FleetFixture.BACKOFF);
    }

    private Set<String> up() {
        return fleet.names(InstanceStateName.PENDING, InstanceStateName.RUNNING);
    }

    @Test
    void theFakeFollowsEc2sStateAndQuotaRules() {
        String stopping = fleet.ec2.preCreate("a", Map.of(), InstanceStateName.STOPPING);
        String pending = fleet.ec2.preCreate("b", Map.of(), InstanceStateName.PENDING);
        Ec2Exception e = assertThrows(Ec2Exception.class, () -> fleet.ec2.startInstances(StartInstancesRequest.builder().instanceIds(stopping).build()));
        assertEquals("IncorrectInstanceState", e.awsErrorDetails().errorCode());
        e = assertThrows(Ec2Exception.class, () -> fleet.ec2.stopInstances(StopInstancesRequest.builder().instanceIds(pending).build()));
        assertEquals("IncorrectInstanceState", e.awsErrorDetails().errorCode());
        fleet.ec2.instanceLimit = 1;
        RunInstancesRequest run = RunInstancesRequest.builder().minCount(1).maxCount(1).clientToken("t1")
                .launchTemplate(LaunchTemplateSpecification.builder().launchTemplateName("lt").build()).build();
        e = assertThrows(Ec2Exception.class, () -> fleet.ec2.runInstances(run));
        assertEquals("InstanceLimitExceeded", e.awsErrorDetails().errorCode());
        fleet.ec2.instanceLimit = Integer.MAX_VALUE;
        fleet.ec2.refuseForCapacity = 1;
        e = assertThrows(Ec2Exception.class, () -> fleet.ec2.runInstances(run));
        assertEquals("InsufficientInstanceCapacity", e.awsErrorDetails().errorCode());
        assertEquals(2, fleet.ec2.all().size(), "refused launches created nothing");
    }

    @Test
    void aLaunchRefusedForQuotaIsNotCountedAndIsRetriedWithBackoff() throws Exception {
        fleet.ec2.instanceLimit = 2;
        Ec2Fleet d = driver(Ec2Fleet.Mode.LAUNCH_TEMPLATE);
        d.reconcile(4);
        assertEquals(2, d.running(), "only the two launches EC2 accepted count");
        assertEquals(1, d.launchesRefused());
        assertTrue(d.lastProblem().contains("InstanceLimitExceeded"), d.lastProblem());
        long runs = fleet.calls("ec2:RunInstances");
        d.reconcile(4);
        fleet.advance(Ec2FleetFixture.BACKOFF - 1);
        d.reconcile(4);
        assertEquals(runs, fleet.calls("ec2:RunInstances"), "no new launch attempt within the backoff");
        assertEquals(2, d.running());
        fleet.advance(2);
        d.reconcile(4);
        assertEquals(runs + 1, fleet.calls("ec2:RunInstances"), "retried once the backoff passed");
        assertEquals(2, d.launchesRefused(), "refused again");
        fleet.advance(Ec2FleetFixture.BACKOFF + 1);
        d.reconcile(4);
        assertEquals(runs + 1, fleet.calls("ec2:RunInstances"), "the second backoff is twice the first");
        fleet.ec2.instanceLimit = 10;
        fleet.advance(Ec2FleetFixture.BACKOFF);
        d.reconcile(4);
        d.reconcile(4);
        assertEquals(4, d.running());
        assertEquals(Set.of("app-tier-instance-1", "app-tier-instance-2", "app-tier-instance-3", "app-tier-instance-4"), up());
    }

    @Test
    void aStartRefusedForCapacityIsNotCountedAndIsRetriedWithBackoff() throws Exception {
        for (int n = 1; n <= 3; n++) {
            fleet.ec2.preCreate("app-tier-instance-" + n, Map.of("facefleet:fleet", "test"), InstanceStateName.STOPPED);
        }
        fleet.ec2.refuseForCapacity = 1;
        Ec2Fleet d = driver(Ec2Fleet.Mode.START_STOP);
        d.reconcile(2);
        assertEquals(0, d.running(), "a refused start is not a worker");
        assertTrue(d.lastProblem().contains("InsufficientInstanceCapacity"), d.lastProblem());
        d.reconcile(2);
        assertEquals(1, fleet.calls("ec2:StartInstances"), "not retried within the backoff");
        fleet.advance(Ec2FleetFixture.BACKOFF);
        d.reconcile(2);
        d.reconcile(2);
        assertEquals(2, d.running());
        assertEquals(Set.of("app-tier-instance-1", "app-tier-instance-2"), up());
    }

    @Test
    void aLaunchThatNeverAppearsExpiresIsReportedAndIsRetriedWithANewToken() throws Exception {
        fleet.ec2.vanishLaunches = 1;
        Ec2Fleet d = driver(Ec2Fleet.Mode.LAUNCH_TEMPLATE);
        d.reconcile(1);
        assertEquals(1, d.running(), "a launch EC2 accepted counts while it may still appear");
        for (int i = 0; i < 5; i++) {
            fleet.advance(Ec2FleetFixture.LAUNCH_TIMEOUT / 10);
            d.reconcile(1);
        }
        assertEquals(1, fleet.calls("ec2:RunInstances"), "no second launch while the first may still appear");
        fleet.advance(Ec2FleetFixture.LAUNCH_TIMEOUT);
        d.reconcile(1);
        assertEquals(0, d.running(), "the vanished launch is no longer believed");
        assertEquals(1, d.launchesExpired());
        assertTrue(d.lastProblem().contains("not seen pending or running"), d.lastProblem());
        fleet.advance(Ec2FleetFixture.BACKOFF);
        d.reconcile(1);
        d.reconcile(1);
        assertEquals(2, fleet.calls("ec2:RunInstances"), "launched again after the backoff");
        assertEquals(Set.of("app-tier-instance-1"), up(), "with a new client token: a new instance");
        assertEquals(1, d.running());
    }

    @Test
    void instancesStoppedOrTerminatedBySomeoneElseAreNoticedAndReplaced() throws Exception {
        for (int n = 1; n <= 3; n++) {
            fleet.ec2.preCreate("app-tier-instance-" + n, Map.of("facefleet:fleet", "test"), InstanceStateName.STOPPED);
        }
        Ec2Fleet d = driver(Ec2Fleet.Mode.START_STOP);
        d.reconcile(2);
        d.reconcile(2);
        fleet.ec2.stopBySomeoneElse(fleet.ec2.idOf("app-tier-instance-1"));
        d.reconcile(2);
        assertEquals(1, d.workersLostToOthers());
        assertTrue(d.lastProblem().contains(fleet.ec2.idOf("app-tier-instance-1")), d.lastProblem());
        assertEquals(Set.of("app-tier-instance-2", "app-tier-instance-3"), up(), "replaced by a stopped one, the stopping one left alone");
        assertEquals(2, d.running());

        Ec2Fleet lt = driver(Ec2Fleet.Mode.LAUNCH_TEMPLATE);
        FakeEc2Client before = fleet.ec2;
        lt.reconcile(5); // adopts nothing: launch-template mode numbers past the three pre-created
        lt.reconcile(5);
        String victim = before.all().stream().filter(i -> i.state().name() == InstanceStateName.RUNNING).findFirst().orElseThrow().instanceId();
        fleet.ec2.terminateBySomeoneElse(victim);
        lt.reconcile(5);
        assertEquals(1, lt.workersLostToOthers(), "the terminated instance is noticed");
        lt.reconcile(5);
        assertEquals(5, fleet.ec2.count(InstanceStateName.PENDING, InstanceStateName.RUNNING), "and replaced");
    }

    @Test
    void scaleInStopsInstancesStillBootingFirstAndNeverAPendingOne() throws Exception {
        Ec2Fleet d = driver(Ec2Fleet.Mode.LAUNCH_TEMPLATE);
        d.reconcile(3);
        d.reconcile(3);
        fleet.advance(Ec2FleetFixture.BOOT * 2);
        d.reconcile(3);
        fleet.ec2.terminateBySomeoneElse(fleet.ec2.idOf("app-tier-instance-1"));
        d.reconcile(3); // noticed; number 1 is still shutting down, so the replacement is number 4
        d.reconcile(3);
        fleet.advance(Ec2FleetFixture.BOOT * 2);
        d.reconcile(3);
        fleet.ec2.terminateBySomeoneElse(fleet.ec2.idOf("app-tier-instance-2"));
        d.reconcile(3); // noticed; number 1 is free by now: the replacement is number 1, booting
        d.reconcile(3);
        d.reconcile(3);
        assertEquals(Set.of("app-tier-instance-1", "app-tier-instance-3", "app-tier-instance-4"), up());
        d.reconcile(2);
        assertEquals(Set.of("app-tier-instance-3", "app-tier-instance-4"), up(),
                "the instance still booting holds no jobs: it goes, not the highest-numbered, busy one");

        FakeEc2Client fresh = new FakeEc2Client();
        for (int n = 1; n <= 2; n++) {
            fresh.preCreate("app-tier-instance-" + n, Map.of("facefleet:fleet", "test"), InstanceStateName.STOPPED);
        }
        CamelContext other = new DefaultCamelContext();
        other.getRegistry().bind("ec2Client", Ec2Client.class, fresh);
        other.start();
        try {
            Ec2Fleet ss = new Ec2Fleet(new Ec2Fleet.Config(Ec2Fleet.Mode.START_STOP, Ec2FleetFixture.TAG, "app-tier-instance-",
                    "lt", 20, "aws2-ec2://app-tier?pojoRequest=true", 60_000, 10_000, 40_000, 0), () -> other, fresh.clock::get);
            ss.reconcile(2);
            ss.reconcile(0); // describe shows them pending: EC2 would refuse to stop them
            assertEquals(0, fresh.calls.stream().filter(c -> c.equals("ec2:StopInstances")).count(), "no stop of a pending instance");
            assertEquals("", ss.lastProblem());
            ss.reconcile(0);
            ss.reconcile(0);
            assertEquals(0, fresh.count(InstanceStateName.PENDING, InstanceStateName.RUNNING), "stopped once running");
            assertEquals(0, ss.workersLostToOthers(), "its own stops are not losses");
        } finally {
            other.stop();
        }
    }
}
