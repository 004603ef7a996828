package io.facefleet.scaling;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.core.exception.SdkClientException;
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
 * two faults on demand: describe not yet showing new instances (EC2 is eventually consistent) and
 * a launch whose response is lost after EC2 applied it.
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

    /** An instance that exists before the controller starts (start-stop mode). */
    public synchronized String preCreate(String name, Map<String, String> tags, InstanceStateName state) {
        String id = "i-" + String.format("%08x", ++sequence);
        List<Tag> t = new ArrayList<>();
        t.add(Tag.builder().key("Name").value(name).build());
        tags.forEach((k, v) -> t.add(Tag.builder().key(k).value(v).build()));
        instances.put(id, Instance.builder().instanceId(id).tags(t).state(InstanceState.builder().name(state).build()).build());
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
        instances.put(id, i.toBuilder().state(InstanceState.builder().name(state).build()).build());
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
        List<Instance> launched = new ArrayList<>();
        for (int n = 0; n < request.maxCount(); n++) {
            String id = "i-" + String.format("%08x", ++sequence);
            List<Tag> tags = request.tagSpecifications().stream().flatMap(ts -> ts.tags().stream()).toList();
            Instance i = Instance.builder().instanceId(id).tags(tags).state(InstanceState.builder().name(InstanceStateName.PENDING).build()).build();
            instances.put(id, i);
            hiddenFor.put(id, describeLag);
            launched.add(i);
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
            InstanceStateName s = instances.get(id).state().name();
            if (s == InstanceStateName.RUNNING || s == InstanceStateName.PENDING) {
                set(id, InstanceStateName.STOPPING);
            }
        }
        return StopInstancesResponse.builder().build();
    }

    @Override
    public synchronized TerminateInstancesResponse terminateInstances(TerminateInstancesRequest request) {
        calls.add("ec2:TerminateInstances");
        for (String id : request.instanceIds()) {
            if (instances.get(id).state().name() != InstanceStateName.TERMINATED) {
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
