package io.facefleet.boot;

import io.facefleet.gallery.VectorDistances;
import io.facefleet.scaling.Backlog;
import io.facefleet.scaling.Ec2Fleet;
import io.facefleet.scaling.FleetController;
import io.facefleet.scaling.FleetDriver;
import io.facefleet.scaling.FleetLimits;
import io.facefleet.scaling.LocalFleet;
import io.facefleet.scaling.ProcessFleet;
import io.facefleet.scaling.SedaBacklog;
import io.facefleet.scaling.SqsBacklog;
import io.facefleet.worker.JobRunner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;
import org.apache.camel.main.Main;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.apache.camel.support.service.ServiceSupport;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * The scaling tier ({@code routes/scaling.camel.yaml}): the fleet controller its timer ticks,
 * reading the backlog where the jobs wait and driving the fleet {@code facefleet.fleet} names.
 */
final class ScalingTier {

    private final Startup start;
    private final Main main;
    private final Settings s;
    private final Backends backends;

    ScalingTier(Startup start, Backends backends) {
        this.start = start;
        this.main = start.main;
        this.s = start.settings;
        this.backends = backends;
    }

    /**
     * Binds the beans its routes name and adds its route file.
     *
     * @param runner the app tier's job runner in this JVM, or null
     * @param ec2 the EC2 client the aws2-ec2 endpoint uses; null = one built from the settings
     * @param localArrivals when this host's web tier last queued a job (Long.MIN_VALUE: no web tier here)
     */
    FleetController add(JobRunner runner, Ec2Client ec2, LongSupplier localArrivals) {
        FleetLimits limits = limits();
        FleetController controller = new FleetController(backlog(runner), driver(runner, ec2, limits), limits, localArrivals).registerMBean();
        main.bind("fleetController", controller);
        start.addRoutes("scaling");
        // in-JVM workers leaving stop changing routes once the context stops (before it walks them)
        start.whenConfigured(context -> context.getManagementStrategy().addEventNotifier(new EventNotifierSupport() {
            @Override
            public boolean isEnabled(CamelEvent event) {
                return event instanceof CamelEvent.CamelContextStoppingEvent;
            }

            @Override
            public void notify(CamelEvent event) {
                controller.driver().contextStopping();
            }
        }));
        // the workers this host started (processes) stop with it, after draining
        start.whenConfigured(context -> context.addService(new ServiceSupport() {
            @Override
            protected void doStop() {
                controller.shutdown();
            }
        }));
        return controller;
    }

    private FleetLimits limits() {
        return new FleetLimits(s.getInt("facefleet.workers.min"), s.getInt("facefleet.workers.max"),
                s.getInt("facefleet.workers.target-per-worker"), s.getLong("facefleet.workers.scale-in-delay-ms"),
                s.getInt("facefleet.workers.jobs-per-worker"), s.getLong("facefleet.workers.quiet-ms"),
                s.getLong("facefleet.workers.boot-ms"));
    }

    private Backlog backlog(JobRunner runner) {
        if (backends.sqs != null) {
            return new SqsBacklog(backends.sqs, s.get("facefleet.sqs.request-queue"));
        }
        if (runner != null && s.get("facefleet.fleet").equals("local")) {
            return new SedaBacklog(main::getCamelContext, s.get("facefleet.queue.request"), runner::inFlight);
        }
        throw new IllegalArgumentException("the scaling tier needs SQS queues (facefleet.queues=sqs), or the app tier in this JVM with facefleet.fleet=local");
    }

    private FleetDriver driver(JobRunner runner, Ec2Client ec2, FleetLimits limits) {
        String fleet = s.get("facefleet.fleet");
        return switch (fleet) {
            case "local" -> {
                if (runner == null) {
                    throw new IllegalArgumentException("the local fleet runs workers in this JVM: add the app tier");
                }
                yield new LocalFleet(main::getCamelContext, s.get("facefleet.queue.request-consumer"), s.getLong("facefleet.workers.drain-timeout-ms"));
            }
            case "process" -> new ProcessFleet(launch(), s.getLong("facefleet.process.drain-timeout-ms"));
            case "ec2" -> {
                // the aws2-ec2 endpoint finds this client in the registry (autowired by type)
                main.bind("ec2Client", ec2 != null ? ec2 : backends.aws.ec2());
                yield new Ec2Fleet(ec2Config(limits), main::getCamelContext);
            }
            default -> throw new IllegalArgumentException("facefleet.fleet is local, process or ec2; got " + fleet);
        };
    }

    private Ec2Fleet.Config ec2Config(FleetLimits limits) {
        return new Ec2Fleet.Config(Ec2Fleet.Mode.valueOf(s.get("facefleet.ec2.mode").toUpperCase(Locale.ROOT).replace('-', '_')),
                s.get("facefleet.ec2.fleet-tag"), s.get("facefleet.ec2.name-prefix"), s.get("facefleet.ec2.launch-template"),
                limits.max(), s.get("facefleet.ec2.endpoint"), s.getLong("facefleet.ec2.launch-timeout-ms"),
                s.getLong("facefleet.ec2.retry-backoff-ms"), s.getLong("facefleet.ec2.retry-backoff-max-ms"), limits.bootMillis());
    }

    /** An app-tier process is this program with this host's settings and the app tier only. */
    private ProcessFleet.Launch launch() {
        String java = s.has("facefleet.process.java") ? s.get("facefleet.process.java")
                : Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = s.has("facefleet.process.classpath") ? s.get("facefleet.process.classpath") : System.getProperty("java.class.path");
        List<String> settings = new ArrayList<>(s.explicitArguments().stream()
                .filter(a -> !a.startsWith("facefleet.tiers=") && !a.startsWith("camel.management.port=")).toList());
        // each process has its own management server; port 0 picks a free one
        settings.add("camel.management.port=0");
        // an app-tier process computes gallery distances as this one does (SIMD when this JVM has the vector module)
        List<String> jvmOptions = new ArrayList<>(VectorDistances.javaOptionsLikeThisJvm());
        jvmOptions.addAll(Arrays.asList(s.get("facefleet.process.jvm-options").split("\\s+")));
        return new ProcessFleet.Launch(java, jvmOptions, classpath,
                settings, Path.of(s.get("facefleet.data-dir"), "logs"));
    }
}
