package io.facefleet.boot;

import io.facefleet.engine.image.ImageDecoder;
import io.facefleet.engine.image.ImageLimits;
import io.facefleet.messaging.ReplyAwaiter;
import io.facefleet.scaling.FleetController;
import io.facefleet.web.ServiceStats;
import java.util.Map;
import java.util.function.LongSupplier;
import org.apache.camel.main.Main;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * Builds the service from its settings: the {@link Backends}, then each configured tier
 * ({@code facefleet.tiers=web,app,scaling}: {@link WebTier}, {@link AppTier}, {@link ScalingTier})
 * binding the beans its routes name, and Camel Main loading the tiers' route files.
 */
public final class ServiceMain {

    private ServiceMain() {
    }

    public static void run(String[] args) throws Exception {
        run(Settings.load(args));
    }

    /** Builds and runs the service until it is stopped (SIGTERM drains it). */
    public static void run(Settings s) throws Exception {
        create(s).run();
    }

    /** A configured, not yet started Camel Main (tests start and stop it themselves). */
    public static Main create(Settings s) {
        return create(s, Map.of());
    }

    /**
     * As {@link #create(Settings)}, with beans supplied by the caller: an {@code ec2Client} among
     * them replaces the one built from the settings (tests pass a fake, as no EC2 can run here);
     * an AWS SDK {@code ExecutionInterceptor} sees every AWS call this host makes.
     */
    public static Main create(Settings s, Map<String, Object> beans) {
        Startup start = new Startup(s, beans);
        System.setProperty("ai.djl.pytorch.num_threads", s.get("facefleet.engine.intra-op-threads"));
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        Backends backends = new Backends(start, beans);
        ImageDecoder decoder = new ImageDecoder(new ImageLimits(s.getLong("facefleet.image.max-bytes"),
                s.getLong("facefleet.image.max-pixels"), s.getInt("facefleet.image.min-side")));
        ServiceStats stats = new ServiceStats();
        ReplyAwaiter awaiter = new ReplyAwaiter(s.getLong("facefleet.web.reply-timeout-ms"), stats::record);
        if (start.runs("web")) {
            new WebTier(start, backends).add(decoder, stats, awaiter);
        } else {
            // an app or scaling host serves no clients: no HTTP server on the client port
            start.camel.setProperty("camel.server.enabled", "false");
        }
        AppTier app = start.runs("app") ? AppTier.add(start, backends, decoder) : null;
        FleetController controller = null;
        if (start.runs("scaling")) {
            LongSupplier arrivals = start.runs("web") ? awaiter::lastExpectedAt : () -> Long.MIN_VALUE;
            controller = new ScalingTier(start, backends).add(app != null ? app.runner : null, (Ec2Client) beans.get("ec2Client"), arrivals);
        }
        if (controller != null) {
            stats.watch(controller::getVisible, controller::getInFlight, controller::getRunning);
        } else if (app != null) {
            stats.watch(() -> -1, app.runner::inFlight, () -> 1);
        }
        if (start.runs("web") || start.runs("app")) {
            // the storage steps of this backend, and the retry policy both tiers' error handling names
            start.addRoutes("storage-" + s.get("facefleet.storage"));
            start.addRoutes("backend-retries");
        }
        if (start.runs("app") || start.runs("web") && backends.sqs != null) {
            // the reply route the worker and the dead-letter route send through
            start.addRoutes("replies");
        }
        start.main.addMainListener(new ServiceMetrics(stats, app != null ? app.engine : null, app != null ? app.cache : null, controller));
        return start.finish();
    }
}
