package io.facefleet.scaling;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
 * way up, highest first on the way down.
 *
 * <p>Never more than {@code max}: every instance not terminated counts, and so does a launch not
 * yet visible (EC2's describe is eventually consistent). A launch that fails or times out keeps
 * its client token and is retried with it, so EC2 returns the first launch instead of a second.
 * Stopping or terminating an instance shuts its OS down, which stops the app-tier service
 * with SIGTERM: Camel stops consuming and finishes its in-flight jobs (drain) first.
 */
public final class Ec2Workers implements FleetDriver {

    private static final Logger LOG = LoggerFactory.getLogger(Ec2Workers.class);
    private static final String OPERATION = "CamelAwsEC2Operation";

    /** Pre-created instances started and stopped, or instances run from a launch template and terminated. */
    public enum Mode { START_STOP, LAUNCH_TEMPLATE }

    /** How the fleet is found and grown. */
    public record Config(Mode mode, String fleetTag, String namePrefix, String launchTemplate, int max, String endpointUri) {
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
        }
    }

    /** A launch asked for and not yet seen in describe: its client token, and its instance once known. */
    private record Launch(String token, String instanceId, long askedAt) {
    }

    private final Config config;
    private final Map<Integer, Launch> launching = new HashMap<>();
    private ProducerTemplate producer;
    private volatile int serving;
    private volatile int starting;
    private volatile int draining;

    public Ec2Workers(Config config) {
        this.config = config;
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
    public synchronized void reconcile(int desired, CamelContext context) {
        if (producer == null) {
            producer = context.createProducerTemplate();
        }
        int wanted = Math.min(desired, config.max());
        List<Instance> live = describe();
        Map<Integer, Instance> byNumber = new HashMap<>();
        List<Instance> up = new ArrayList<>();
        List<Instance> stopped = new ArrayList<>();
        int going = 0;
        for (Instance i : live) {
            number(i).ifPresent(n -> byNumber.put(n, i));
            InstanceStateName state = i.state().name();
            if (state == InstanceStateName.PENDING || state == InstanceStateName.RUNNING) {
                up.add(i);
            } else if (state == InstanceStateName.STOPPED) {
                stopped.add(i);
            } else {
                going++;
            }
        }
        // launches now visible are done; the others still count
        launching.entrySet().removeIf(e -> byNumber.containsKey(e.getKey()));
        starting = (int) up.stream().filter(i -> i.state().name() == InstanceStateName.PENDING).count() + launching.size();
        serving = up.size() + launching.size();
        draining = going;
        if (serving < wanted) {
            grow(wanted - serving, stopped, byNumber, live.size() + launching.size());
        } else if (serving > wanted) {
            shrink(serving - wanted, up);
        }
    }

    private void grow(int count, List<Instance> stopped, Map<Integer, Instance> byNumber, int existing) {
        if (config.mode() == Mode.START_STOP) {
            List<String> ids = stopped.stream().sorted(Comparator.comparingInt(i -> number(i).orElse(Integer.MAX_VALUE)))
                    .limit(count).map(Instance::instanceId).toList();
            if (ids.isEmpty()) {
                LOG.warn("{} more instances wanted but no stopped instance tagged {} is left", count, config.fleetTag());
                return;
            }
            LOG.info("starting instances {}", ids);
            send("startInstances", StartInstancesRequest.builder().instanceIds(ids).build());
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
            if (launch == null) {
                launching.put(n, new Launch(token, null, System.currentTimeMillis()));
                existing++;
                serving++;
                starting++;
            }
            count--;
            try {
                RunInstancesResponse r = send("createAndRunInstances", runRequest(n, token));
                String id = r.instances().isEmpty() ? null : r.instances().get(0).instanceId();
                launching.put(n, new Launch(token, id, System.currentTimeMillis()));
                LOG.info("launched {}{} as {} (client token {})", config.namePrefix(), n, id, token);
            } catch (RuntimeException e) {
                LOG.warn("launch of {}{} failed ({}); it is retried with the same client token", config.namePrefix(), n, e.getMessage());
            }
        }
    }

    private RunInstancesRequest runRequest(int n, String token) {
        TagSpecification tags = TagSpecification.builder().resourceType(ResourceType.INSTANCE).tags(
                Tag.builder().key("Name").value(config.namePrefix() + n).build(),
                Tag.builder().key(config.tagKey()).value(config.tagValue()).build()).build();
        return RunInstancesRequest.builder().minCount(1).maxCount(1).clientToken(token)
                .launchTemplate(LaunchTemplateSpecification.builder().launchTemplateName(config.launchTemplate()).build())
                .tagSpecifications(tags).build();
    }

    private void shrink(int count, List<Instance> up) {
        List<String> ids = up.stream().sorted(Comparator.comparingInt((Instance i) -> number(i).orElse(0)).reversed())
                .limit(count).map(Instance::instanceId).toList();
        if (ids.isEmpty()) {
            return;
        }
        if (config.mode() == Mode.START_STOP) {
            LOG.info("stopping instances {} (each drains its jobs while its OS shuts down)", ids);
            send("stopInstances", StopInstancesRequest.builder().instanceIds(ids).build());
        } else {
            LOG.info("terminating instances {} (each drains its jobs while its OS shuts down)", ids);
            send("terminateInstances", TerminateInstancesRequest.builder().instanceIds(ids).build());
        }
        serving -= ids.size();
        draining += ids.size();
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
