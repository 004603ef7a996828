package io.facefleet.scaling;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesResponse;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateSpecification;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.RunInstancesRequest;
import software.amazon.awssdk.services.ec2.model.RunInstancesResponse;
import software.amazon.awssdk.services.ec2.model.StartInstancesRequest;
import software.amazon.awssdk.services.ec2.model.StopInstancesRequest;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.ec2.model.TerminateInstancesRequest;

/**
 * The EC2 fleet, reconciled by tags through the {@code aws2-ec2} endpoint. Each tick describes
 * the instances carrying the fleet tag, then starts or stops them (pre-created instances), or
 * runs and terminates them from a launch template, until the desired number serve. Instance n is
 * named {@code <prefix>n} (the seed's {@code app-tier-instance-<n>}), lowest numbers first on the
 * way up.
 *
 * <p>Only what EC2 shows is believed. A launch or start not yet visible in describe (EC2 is
 * eventually consistent) counts as starting, but only for {@code launchTimeoutMillis}: then it
 * expires and is reported. A launch or start that EC2 refuses (instance limit, capacity, an
 * instance in the wrong state) never counts. After a refusal or an expiry the driver waits
 * (doubling backoff, up to {@code maxBackoffMillis}) before it asks again, instead of asking every
 * tick. An instance that was serving and is now stopping, stopped or gone, without this driver
 * having stopped it, was stopped by someone else or died: it is reported and replaced.
 *
 * <p>Scale-in drains: the instances chosen are the ones least likely to hold jobs (still pending
 * in launch-template mode, then those younger than the boot time, which have not started
 * consuming yet, then the highest-numbered). A pending instance is never stopped (EC2 refuses).
 * Stopping or terminating an instance shuts its OS down, which stops the app-tier service with
 * SIGTERM: Camel stops consuming and finishes its in-flight jobs before the JVM exits (see
 * deploy/systemd/facefleet-app.service and docs/decisions.md).
 */
public final class Ec2Fleet implements FleetDriver {

    private static final Logger LOG = LoggerFactory.getLogger(Ec2Fleet.class);
    private static final String OPERATION = "CamelAwsEC2Operation";

    /** Pre-created instances started and stopped, or instances run from a launch template and terminated. */
    public enum Mode { START_STOP, LAUNCH_TEMPLATE }

    /**
     * How the fleet is found, grown and trusted.
     *
     * @param launchTimeoutMillis a launch or start not seen pending or running by then is given up
     * @param backoffMillis wait after the first refused or expired launch; doubles with each one more
     * @param maxBackoffMillis the longest wait between two attempts
     * @param bootMillis an instance running for less than this has not taken jobs yet (chosen first on scale-in)
     */
    public record Config(Mode mode, String fleetTag, String namePrefix, String launchTemplate, int max, String endpointUri,
                         long launchTimeoutMillis, long backoffMillis, long maxBackoffMillis, long bootMillis) {
        /** The aws profile's defaults for the launch timeout (3 min) and backoff (10 s doubling to 5 min); no boot time. */
        public Config(Mode mode, String fleetTag, String namePrefix, String launchTemplate, int max, String endpointUri) {
            this(mode, fleetTag, namePrefix, launchTemplate, max, endpointUri, 180_000, 10_000, 300_000, 0);
        }

        String tagKey() {
            return fleetTag.substring(0, fleetTag.indexOf('='));
        }

        String tagValue() {
            return fleetTag.substring(fleetTag.indexOf('=') + 1);
        }

        public Config {
            if (!fleetTag.contains("=")) {
                throw new IllegalArgumentException("facefleet.ec2.fleet-tag is key=value; got " + fleetTag);
            }
            if (launchTimeoutMillis <= 0 || backoffMillis <= 0 || maxBackoffMillis < backoffMillis || bootMillis < 0) {
                throw new IllegalArgumentException("need launch timeout > 0, 0 < backoff <= max backoff, boot time >= 0");
            }
        }
    }

    /** A launch asked for and not yet seen in describe: its client token, and its instance once known. */
    private record Launch(String token, String instanceId, long askedAt) {
    }

    private final Config config;
    private final Supplier<CamelContext> camel;
    private final LongSupplier clock;
    /** Launch-template mode: launches by instance number, until describe shows them. */
    private final Map<Integer, Launch> launching = new HashMap<>();
    /** Start-stop mode: instances asked to start, until describe shows them pending or running. */
    private final Map<String, Long> startsAsked = new LinkedHashMap<>();
    /** Instances this driver told to stop or terminate, until they are stopped or gone. */
    private final Set<String> stoppedByUs = new HashSet<>();
    /** Instances that were pending or running at the last describe. */
    private Set<String> upBefore = Set.of();
    private ProducerTemplate producer;
    private volatile int serving;
    private volatile int starting;
    private volatile int draining;
    private int failuresInARow;
    private long nextAttemptAt = Long.MIN_VALUE;
    private long lastFailureAt = Long.MIN_VALUE;
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong expired = new AtomicLong();
    private final AtomicLong lostToOthers = new AtomicLong();
    private volatile String lastProblem = "";

    /** @param camel the context whose {@code aws2-ec2} endpoint this driver calls (built after it, read at the first tick) */
    public Ec2Fleet(Config config, Supplier<CamelContext> camel) {
        this(config, camel, System::currentTimeMillis);
    }

    /** @param clock epoch milliseconds (tests pass the fake EC2's clock) */
    public Ec2Fleet(Config config, Supplier<CamelContext> camel, LongSupplier clock) {
        this.config = config;
        this.camel = camel;
        this.clock = clock;
    }

    @Override
    public int running() {
        return serving;
    }

    @Override
    public int starting() {
        return starting;
    }

    @Override
    public int draining() {
        return draining;
    }

    @Override
    public long launchesRefused() {
        return refused.get();
    }

    @Override
    public long launchesExpired() {
        return expired.get();
    }

    @Override
    public long workersLostToOthers() {
        return lostToOthers.get();
    }

    @Override
    public String lastProblem() {
        return lastProblem;
    }

    @Override
    public synchronized void reconcile(int desired) {
        if (producer == null) {
            producer = camel.get().createProducerTemplate();
        }
        long now = clock.getAsLong();
        int wanted = Math.min(desired, config.max());
        List<Instance> live = describe();
        Map<Integer, Instance> byNumber = new HashMap<>();
        Map<String, Instance> byId = new HashMap<>();
        List<Instance> up = new ArrayList<>();
        List<Instance> stopped = new ArrayList<>();
        int going = 0;
        for (Instance i : live) {
            number(i).ifPresent(n -> byNumber.put(n, i));
            byId.put(i.instanceId(), i);
            InstanceStateName state = i.state().name();
            if (state == InstanceStateName.PENDING || state == InstanceStateName.RUNNING) {
                up.add(i);
            } else if (state == InstanceStateName.STOPPED) {
                stopped.add(i);
            } else {
                going++;
            }
        }
        noticeLost(byId, now);
        settleLaunches(byNumber, now);
        settleStarts(byId, now);
        stopped.removeIf(i -> startsAsked.containsKey(i.instanceId()));
        starting = (int) up.stream().filter(i -> i.state().name() == InstanceStateName.PENDING).count() + launching.size() + startsAsked.size();
        serving = up.size() + launching.size() + startsAsked.size();
        draining = going;
        if (serving < wanted) {
            if (now < nextAttemptAt) {
                LOG.debug("{} more instances wanted; next attempt in {} ms (backing off)", wanted - serving, nextAttemptAt - now);
                return;
            }
            grow(wanted - serving, stopped, byNumber, live.size() + launching.size(), now);
        } else if (serving > wanted) {
            shrink(serving - wanted, up, now);
        }
    }

    /** Instances serving at the last describe that stopped or vanished without this driver asking. */
    private void noticeLost(Map<String, Instance> byId, long now) {
        Set<String> upNow = new HashSet<>();
        for (Instance i : byId.values()) {
            InstanceStateName s = i.state().name();
            if (s == InstanceStateName.PENDING || s == InstanceStateName.RUNNING) {
                upNow.add(i.instanceId());
            }
        }
        for (String id : upBefore) {
            if (!upNow.contains(id) && !stoppedByUs.contains(id)) {
                Instance i = byId.get(id);
                String state = i == null ? "terminated" : i.state().nameAsString();
                lostToOthers.incrementAndGet();
                report("instance " + id + " is " + state + " without the controller stopping it (stopped or terminated by someone else, or it died); it is replaced");
            }
        }
        stoppedByUs.removeIf(id -> {
            Instance i = byId.get(id);
            return i == null || i.state().name() == InstanceStateName.STOPPED;
        });
        upBefore = upNow;
    }

    /** Launches now visible are done; those not visible within the launch timeout are given up. */
    private void settleLaunches(Map<Integer, Instance> byNumber, long now) {
        for (var it = launching.entrySet().iterator(); it.hasNext();) {
            var e = it.next();
            Instance seen = byNumber.get(e.getKey());
            if (seen != null) {
                it.remove();
                succeeded(e.getValue().askedAt());
            } else if (now - e.getValue().askedAt() > config.launchTimeoutMillis()) {
                it.remove();
                expired.incrementAndGet();
                backOff(now);
                report("launch of " + config.namePrefix() + e.getKey() + " (" + Optional.ofNullable(e.getValue().instanceId()).orElse("no instance id")
                        + ") not seen pending or running within " + config.launchTimeoutMillis() + " ms: given up, retried after "
                        + (nextAttemptAt - now) + " ms");
            }
        }
    }

    /** Starts now visible as pending or running are done; those still not after the launch timeout are given up. */
    private void settleStarts(Map<String, Instance> byId, long now) {
        for (var it = startsAsked.entrySet().iterator(); it.hasNext();) {
            var e = it.next();
            Instance i = byId.get(e.getKey());
            InstanceStateName s = i == null ? InstanceStateName.TERMINATED : i.state().name();
            if (s == InstanceStateName.PENDING || s == InstanceStateName.RUNNING) {
                it.remove();
                succeeded(e.getValue());
            } else if (s != InstanceStateName.STOPPED || now - e.getValue() > config.launchTimeoutMillis()) {
                it.remove();
                expired.incrementAndGet();
                backOff(now);
                report("start of instance " + e.getKey() + " did not take: it is " + s + " after " + (now - e.getValue())
                        + " ms; retried after " + (nextAttemptAt - now) + " ms");
            }
        }
    }

    private void grow(int count, List<Instance> stopped, Map<Integer, Instance> byNumber, int existing, long now) {
        if (config.mode() == Mode.START_STOP) {
            List<String> ids = stopped.stream().sorted(Comparator.comparingInt(i -> number(i).orElse(Integer.MAX_VALUE)))
                    .limit(count).map(Instance::instanceId).toList();
            if (ids.isEmpty()) {
                LOG.warn("{} more instances wanted but no stopped instance tagged {} is left", count, config.fleetTag());
                return;
            }
            LOG.info("starting instances {}", ids);
            try {
                send("startInstances", StartInstancesRequest.builder().instanceIds(ids).build());
            } catch (AwsServiceException e) {
                refusedBy(e, "start of " + ids, now);
                return;
            } catch (SdkException e) {
                // no answer: EC2 may have applied it; the next describes tell, within the launch timeout
                LOG.warn("start of {} unanswered ({}); describe will show whether it took", ids, e.getMessage());
            }
            for (String id : ids) {
                startsAsked.put(id, now);
            }
            serving += ids.size();
            starting += ids.size();
            return;
        }
        for (int n = 1; n <= config.max() && count > 0; n++) {
            if (byNumber.containsKey(n) && !launching.containsKey(n)) {
                continue;
            }
            if (existing >= config.max() && !launching.containsKey(n)) {
                LOG.warn("not launching: {} instances tagged {} exist, the maximum", existing, config.fleetTag());
                return;
            }
            Launch launch = launching.get(n);
            if (launch != null && launch.instanceId() != null) {
                count--;
                continue; // launched, not yet visible in describe
            }
            String token = launch != null ? launch.token() : config.tagValue() + "-" + n + "-" + UUID.randomUUID().toString().substring(0, 8);
            long askedAt = launch != null ? launch.askedAt() : now;
            count--;
            try {
                RunInstancesResponse r = send("createAndRunInstances", runRequest(n, token));
                String id = r.instances().isEmpty() ? null : r.instances().get(0).instanceId();
                launching.put(n, new Launch(token, id, askedAt));
                LOG.info("launched {}{} as {} (client token {})", config.namePrefix(), n, id, token);
            } catch (AwsServiceException e) {
                // refused: nothing launched, nothing counted
                launching.remove(n);
                refusedBy(e, "launch of " + config.namePrefix() + n, now);
                return;
            } catch (SdkException e) {
                // no answer: EC2 may have applied it; it counts until the launch timeout, retried with its client token
                launching.put(n, new Launch(token, null, askedAt));
                LOG.warn("launch of {}{} unanswered ({}); it is retried with the same client token", config.namePrefix(), n, e.getMessage());
            }
            if (launch == null) {
                existing++;
                serving++;
                starting++;
            }
        }
    }

    private void refusedBy(AwsServiceException e, String what, long now) {
        refused.incrementAndGet();
        backOff(now);
        String code = e.awsErrorDetails() != null ? e.awsErrorDetails().errorCode() : String.valueOf(e.statusCode());
        report(what + " refused by EC2 (" + code + ": " + (e.awsErrorDetails() != null ? e.awsErrorDetails().errorMessage() : e.getMessage())
                + "); not counted, retried after " + (nextAttemptAt - now) + " ms");
    }

    /** A launch or start asked after the last failure came up: EC2 serves again, the backoff starts over. */
    private void succeeded(long askedAt) {
        if (askedAt > lastFailureAt) {
            failuresInARow = 0;
        }
    }

    private void backOff(long now) {
        lastFailureAt = now;
        failuresInARow++;
        long wait = config.backoffMillis() << Math.min(20, failuresInARow - 1);
        nextAttemptAt = now + Math.min(config.maxBackoffMillis(), wait);
    }

    private void report(String problem) {
        lastProblem = problem;
        LOG.warn(problem);
    }

    private RunInstancesRequest runRequest(int n, String token) {
        TagSpecification tags = TagSpecification.builder().resourceType(ResourceType.INSTANCE).tags(
                Tag.builder().key("Name").value(config.namePrefix() + n).build(),
                Tag.builder().key(config.tagKey()).value(config.tagValue()).build()).build();
        return RunInstancesRequest.builder().minCount(1).maxCount(1).clientToken(token)
                .launchTemplate(LaunchTemplateSpecification.builder().launchTemplateName(config.launchTemplate()).build())
                .tagSpecifications(tags).build();
    }

    /**
     * Stops the instances least likely to hold jobs: pending ones (launch-template mode only; EC2
     * does not stop a pending instance), then those still within their boot time, then the
     * highest-numbered. Each drains while its OS shuts down.
     */
    private void shrink(int count, List<Instance> up, long now) {
        Comparator<Instance> idleFirst = Comparator
                .comparingInt((Instance i) -> i.state().name() == InstanceStateName.PENDING ? 0 : booting(i, now) ? 1 : 2)
                .thenComparing(Comparator.comparingInt((Instance i) -> number(i).orElse(0)).reversed());
        List<String> ids = up.stream()
                .filter(i -> config.mode() == Mode.LAUNCH_TEMPLATE || i.state().name() == InstanceStateName.RUNNING)
                .sorted(idleFirst).limit(count).map(Instance::instanceId).toList();
        if (ids.isEmpty()) {
            return;
        }
        try {
            if (config.mode() == Mode.START_STOP) {
                LOG.info("stopping instances {} (each drains its jobs while its OS shuts down)", ids);
                send("stopInstances", StopInstancesRequest.builder().instanceIds(ids).build());
            } else {
                LOG.info("terminating instances {} (each drains its jobs while its OS shuts down)", ids);
                send("terminateInstances", TerminateInstancesRequest.builder().instanceIds(ids).build());
            }
        } catch (SdkException e) {
            // describe was stale (an instance already stopping) or EC2 did not answer: the next tick looks again
            report("stopping " + ids + " failed (" + e.getMessage() + "); the next tick looks again");
            return;
        }
        stoppedByUs.addAll(ids);
        serving -= ids.size();
        draining += ids.size();
    }

    private boolean booting(Instance i, long now) {
        return i.launchTime() != null && now - i.launchTime().toEpochMilli() < config.bootMillis();
    }

    private List<Instance> describe() {
        DescribeInstancesRequest req = DescribeInstancesRequest.builder().filters(
                Filter.builder().name("tag:" + config.tagKey()).values(config.tagValue()).build(),
                Filter.builder().name("instance-state-name").values("pending", "running", "stopping", "stopped", "shutting-down").build()).build();
        DescribeInstancesResponse r = send("describeInstances", req);
        return r.reservations().stream().flatMap(res -> res.instances().stream()).toList();
    }

    private Optional<Integer> number(Instance i) {
        return i.tags().stream().filter(t -> t.key().equals("Name") && t.value().startsWith(config.namePrefix())).findFirst()
                .flatMap(t -> {
                    try {
                        return Optional.of(Integer.parseInt(t.value().substring(config.namePrefix().length())));
                    } catch (NumberFormatException e) {
                        return Optional.empty();
                    }
                });
    }

    @SuppressWarnings("unchecked")
    private <T> T send(String operation, Object request) {
        try {
            return (T) producer.requestBodyAndHeader(config.endpointUri(), request, OPERATION, operation);
        } catch (org.apache.camel.CamelExecutionException e) {
            if (e.getCause() instanceof SdkException sdk) {
                throw sdk;
            }
            throw e;
        }
    }
}
