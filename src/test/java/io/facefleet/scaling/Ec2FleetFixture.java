package io.facefleet.scaling;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;

/**
 * What every EC2 driver test starts from: a fresh {@link FakeEc2Client} bound as Camel's
 * {@code ec2Client}, a started context for the real aws2-ec2 endpoint, and drivers on the fake's
 * clock. Register it as a field with {@code @RegisterExtension}.
 */
final class Ec2FleetFixture implements BeforeEachCallback, AfterEachCallback {

    static final String TAG = "facefleet:fleet=test";
    static final long LAUNCH_TIMEOUT = 60_000;
    static final long BACKOFF = 10_000;
    static final long BOOT = 30_000;

    FakeEc2Client ec2;
    private CamelContext camel;

    @Override
    public void beforeEach(ExtensionContext context) {
        ec2 = new FakeEc2Client();
        camel = new DefaultCamelContext();
        camel.getRegistry().bind("ec2Client", Ec2Client.class, ec2);
        camel.start();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        camel.stop();
    }

    /** A driver of at most {@code max} instances whose launch backoff grows up to {@code maxBackoff}. */
    Ec2Fleet driver(Ec2Fleet.Mode mode, int max, long maxBackoff) {
        return new Ec2Fleet(new Ec2Fleet.Config(mode, TAG, "app-tier-instance-", "facefleet-app-tier", max, "aws2-ec2://app-tier?pojoRequest=true",
                LAUNCH_TIMEOUT, BACKOFF, maxBackoff, BOOT), () -> camel, ec2.clock::get);
    }

    /** The Name tags of the instances in any of these states. */
    Set<String> names(InstanceStateName... states) {
        List<InstanceStateName> s = List.of(states);
        return ec2.all().stream().filter(i -> s.contains(i.state().name()))
                .map(i -> i.tags().stream().filter(t -> t.key().equals("Name")).findFirst().orElseThrow().value()).collect(Collectors.toSet());
    }

    /** How many times the driver called this EC2 action ("ec2:StartInstances", ...). */
    long calls(String action) {
        return ec2.calls.stream().filter(c -> c.equals(action)).count();
    }

    /** Moves the fake's clock on. */
    void advance(long millis) {
        ec2.clock.addAndGet(millis);
    }
}
