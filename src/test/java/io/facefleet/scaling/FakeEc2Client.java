package io.facefleet.scaling;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesResponse;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceState;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.Reservation;
import software.amazon.awssdk.services.ec2.model.RunInstancesRequest;
import software.amazon.awssdk.services.ec2.model.RunInstancesResponse;
import software.amazon.awssdk.services.ec2.model.StartInstancesRequest;
import software.amazon.awssdk.services.ec2.model.StartInstancesResponse;
import software.amazon.awssdk.services.ec2.model.StopInstancesRequest;
import software.amazon.awssdk.services.ec2.model.StopInstancesResponse;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TerminateInstancesRequest;
import software.amazon.awssdk.services.ec2.model.TerminateInstancesResponse;

/**
 * A FAKE of the EC2 API, in memory: no EC2 emulator runs here. It keeps the behaviour the driver
 * depends on: tag and state filters in describe, start/stop/terminate state changes that complete
 * one describe later (as EC2's do, after a while), client-token idempotency of RunInstances, and
 * EC2's state rules: starting an instance that is stopping (or shutting down, or terminated) and
 * stopping one that is pending fail the whole call with {@code IncorrectInstanceState}.
 * Faults on demand: describe not yet showing new instances (EC2 is eventually consistent), a
 * launch whose response is lost after EC2 applied it, an instance limit
 * ({@code InstanceLimitExceeded}), capacity refusals ({@code InsufficientInstanceCapacity}),
 * launches accepted that never come up, and instances stopped, terminated or dying by someone
 * else's hand. Launch times come from {@link #clock}, which tests advance.
 */
public final class FakeEc2Client implements Ec2Client {

    private final Map<String, Instance> instances = new LinkedHashMap<>();
    private final Map<String, RunInstancesResponse> byToken = new LinkedHashMap<>();
    private final Map<String, Integer> hiddenFor = new LinkedHashMap<>();
    /** The IAM action of every call made, in order. */
    public final List<String> calls = new CopyOnWriteArrayList<>();
    private int sequence;
    /** New instances stay out of describe answers for this many describes. */
    int describeLag;
    /** The next this-many launches are applied, then answered with a network error. */
    int loseLaunchResponses;
    /** Most instances alive (not terminated) at any moment. */
    int peakAlive;
    /** Most instances pending or running at once (the account's instance limit); beyond it: InstanceLimitExceeded. */
    int instanceLimit = Integer.MAX_VALUE;
    /** The next this-many launches or starts are refused with InsufficientInstanceCapacity. */
    int refuseForCapacity;
    /** The next this-many launches are answered, then their instances terminate before describe ever shows them. */
    int vanishLaunches;
    /** The fake's time, in epoch milliseconds (instances' launch times). */
    final java.util.concurrent.atomic.AtomicLong clock = new java.util.concurrent.atomic.AtomicLong(1_800_000_000_000L);

    /** An instance that exists before the controller starts (start-stop mode). */
    public synchronized String preCreate(String name, Map<String, String> tags, InstanceStateName state) {
        String id = "i-" + String.format("%08x", ++sequence);
        List<Tag> t = new ArrayList<>();
        t.add(Tag.builder().key("Name").value(name).build());
        tags.forEach((k, v) -> t.add(Tag.builder().key(k).value(v).build()));
        instances.put(id, Instance.builder().instanceId(id).tags(t).launchTime(java.time.Instant.ofEpochMilli(clock.get() - 86_400_000L))
                .state(InstanceState.builder().name(state).build()).build());
        return id;
    }

    synchronized List<Instance> all() {
        return List.copyOf(instances.values());
    }

    synchronized long count(InstanceStateName... states) {
        List<InstanceStateName> s = List.of(states);
        return instances.values().stream().filter(i -> s.contains(i.state().name())).count();
    }

    private void set(String id, InstanceStateName state) {
        Instance i = instances.get(id);
        Instance.Builder b = i.toBuilder().state(InstanceState.builder().name(state).build());
        if (state == InstanceStateName.PENDING) {
            b.launchTime(java.time.Instant.ofEpochMilli(clock.get()));
        }
        instances.put(id, b.build());
    }

    private static Ec2Exception refusal(String code, int status, String message) {
        return (Ec2Exception) Ec2Exception.builder().statusCode(status).message(message + " (Service: Ec2, Status Code: " + status + ")")
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).serviceName("Ec2").build()).build();
    }

    private long up() {
        return instances.values().stream().filter(i -> i.state().name() == InstanceStateName.PENDING
                || i.state().name() == InstanceStateName.RUNNING).count();
    }

    /** Capacity and quota, as EC2 checks them before a launch or start of {@code more} instances. */
    private void admit(int more) {
        if (refuseForCapacity > 0) {
            refuseForCapacity--;
            throw refusal("InsufficientInstanceCapacity", 500, "We currently do not have sufficient capacity in the Availability Zone you requested.");
        }
        if (up() + more > instanceLimit) {
            throw refusal("InstanceLimitExceeded", 400, "You have requested more instances (" + (up() + more)
                    + ") than your current instance limit of " + instanceLimit + " allows.");
        }
    }

    private Instance instance(String id) {
        Instance i = instances.get(id);
        if (i == null) {
            throw refusal("InvalidInstanceID.NotFound", 400, "The instance ID '" + id + "' does not exist");
        }
        return i;
    }

    /** Someone else (a person in the console, another tool) stops this instance. */
    synchronized void stopBySomeoneElse(String id) {
        set(id, InstanceStateName.STOPPING);
    }

    /** Someone else terminates this instance, or its host fails (a dead instance ends terminated). */
    synchronized void terminateBySomeoneElse(String id) {
        set(id, InstanceStateName.SHUTTING_DOWN);
    }

    /** The instance whose Name tag is {@code name}. */
    synchronized String idOf(String name) {
        return instances.values().stream().filter(i -> i.tags().stream().anyMatch(t -> t.key().equals("Name") && t.value().equals(name)))
                .filter(i -> i.state().name() != InstanceStateName.TERMINATED).findFirst().orElseThrow().instanceId();
    }

    synchronized InstanceStateName state(String id) {
        return instance(id).state().name();
    }

    /** Transitions that were in progress complete, as time passes between two describes. */
    private void settle() {
        for (Instance i : List.copyOf(instances.values())) {
            switch (i.state().name()) {
                case PENDING -> set(i.instanceId(), InstanceStateName.RUNNING);
                case STOPPING -> set(i.instanceId(), InstanceStateName.STOPPED);
                case SHUTTING_DOWN -> set(i.instanceId(), InstanceStateName.TERMINATED);
                default -> { }
            }
        }
    }

    private void notePeak() {
        peakAlive = Math.max(peakAlive, (int) instances.values().stream().filter(i -> i.state().name() != InstanceStateName.TERMINATED).count());
    }

    @Override
    public synchronized DescribeInstancesResponse describeInstances(DescribeInstancesRequest request) {
        calls.add("ec2:DescribeInstances");
        List<Instance> out = new ArrayList<>();
        for (Instance i : instances.values()) {
            int hidden = hiddenFor.getOrDefault(i.instanceId(), 0);
            if (hidden > 0) {
                hiddenFor.put(i.instanceId(), hidden - 1);
                continue;
            }
            if (request.filters().stream().allMatch(f -> matches(i, f))) {
                out.add(i);
            }
        }
        settle();
        return DescribeInstancesResponse.builder().reservations(Reservation.builder().instances(out).build()).build();
    }

    private static boolean matches(Instance i, Filter f) {
        if (f.name().equals("instance-state-name")) {
            return f.values().contains(i.state().nameAsString());
        }
        if (f.name().startsWith("tag:")) {
            String key = f.name().substring(4);
            return i.tags().stream().anyMatch(t -> t.key().equals(key) && f.values().contains(t.value()));
        }
        throw new IllegalArgumentException("the fake does not know filter " + f.name());
    }

    @Override
    public synchronized RunInstancesResponse runInstances(RunInstancesRequest request) {
        calls.add("ec2:RunInstances");
        if (request.launchTemplate() == null || request.clientToken() == null) {
            throw new IllegalArgumentException("the driver launches from a template with a client token");
        }
        RunInstancesResponse earlier = byToken.get(request.clientToken());
        if (earlier != null) {
            return earlier; // EC2's idempotency: the same token gets the first launch's answer
        }
        admit(request.maxCount());
        boolean vanish = vanishLaunches > 0;
        if (vanish) {
            vanishLaunches--;
        }
        List<Instance> launched = new ArrayList<>();
        for (int n = 0; n < request.maxCount(); n++) {
            String id = "i-" + String.format("%08x", ++sequence);
            List<Tag> tags = request.tagSpecifications().stream().flatMap(ts -> ts.tags().stream()).toList();
            Instance i = Instance.builder().instanceId(id).tags(tags).launchTime(java.time.Instant.ofEpochMilli(clock.get()))
                    .state(InstanceState.builder().name(InstanceStateName.PENDING).build()).build();
            launched.add(i);
            // a vanishing launch fails on its host at once: it is terminated before any describe shows it
            instances.put(id, vanish ? i.toBuilder().state(InstanceState.builder().name(InstanceStateName.TERMINATED).build()).build() : i);
            hiddenFor.put(id, describeLag);
        }
        notePeak();
        RunInstancesResponse r = RunInstancesResponse.builder().instances(launched).build();
        byToken.put(request.clientToken(), r);
        if (loseLaunchResponses > 0) {
            loseLaunchResponses--;
            throw SdkClientException.create("fake: connection reset after the launch was applied");
        }
        return r;
    }

    @Override
    public synchronized StartInstancesResponse startInstances(StartInstancesRequest request) {
        calls.add("ec2:StartInstances");
        int starting = 0;
        for (String id : request.instanceIds()) {
            InstanceStateName s = instance(id).state().name();
            if (s != InstanceStateName.STOPPED && s != InstanceStateName.PENDING && s != InstanceStateName.RUNNING) {
                throw refusal("IncorrectInstanceState", 400, "The instance '" + id + "' is not in a state from which it can be started.");
            }
            starting += s == InstanceStateName.STOPPED ? 1 : 0;
        }
        admit(starting);
        for (String id : request.instanceIds()) {
            if (instances.get(id).state().name() == InstanceStateName.STOPPED) {
                set(id, InstanceStateName.PENDING);
            }
        }
        notePeak();
        return StartInstancesResponse.builder().build();
    }

    @Override
    public synchronized StopInstancesResponse stopInstances(StopInstancesRequest request) {
        calls.add("ec2:StopInstances");
        for (String id : request.instanceIds()) {
            InstanceStateName s = instance(id).state().name();
            if (s == InstanceStateName.PENDING || s == InstanceStateName.SHUTTING_DOWN || s == InstanceStateName.TERMINATED) {
                throw refusal("IncorrectInstanceState", 400, "The instance '" + id + "' is not in a state from which it can be stopped.");
            }
        }
        for (String id : request.instanceIds()) {
            if (instances.get(id).state().name() == InstanceStateName.RUNNING) {
                set(id, InstanceStateName.STOPPING);
            }
        }
        return StopInstancesResponse.builder().build();
    }

    @Override
    public synchronized TerminateInstancesResponse terminateInstances(TerminateInstancesRequest request) {
        calls.add("ec2:TerminateInstances");
        for (String id : request.instanceIds()) {
            if (instance(id).state().name() != InstanceStateName.TERMINATED) {
                set(id, InstanceStateName.SHUTTING_DOWN);
            }
        }
        return TerminateInstancesResponse.builder().build();
    }

    @Override
    public String serviceName() {
        return "ec2";
    }

    @Override
    public void close() {
    }
}
