package io.facefleet.boot;

import io.facefleet.engine.FaceEngine;
import io.facefleet.engine.batch.BatchStats;
import io.facefleet.recognition.AnalysisCache;
import io.facefleet.scaling.FleetController;
import io.facefleet.web.ServiceStats;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;

/**
 * Once Camel has started: facefleet's own Prometheus metrics (queue depth, jobs in flight,
 * workers, batch sizes and inference time per net, cache hits) on Camel's Micrometer registry,
 * and the face engine's readiness check on its health registry.
 */
final class ServiceMetrics extends MainListenerSupport {

    private final ServiceStats stats;
    private final FaceEngine engine;
    private final AnalysisCache cache;
    private final FleetController controller;

    /**
     * @param engine and cache null on a host without the app tier
     * @param controller null on a host without the scaling tier
     */
    ServiceMetrics(ServiceStats stats, FaceEngine engine, AnalysisCache cache, FleetController controller) {
        this.controller = controller;
        this.stats = stats;
        this.engine = engine;
        this.cache = cache;
    }

    @Override
    public void afterConfigure(BaseMainSupport main) {
        // a startup listener, not afterStart: Main.start() (tests) does not call afterStart
        try {
            main.getCamelContext().addStartupListener((context, alreadyStarted) -> register(context));
        } catch (Exception e) {
            throw new IllegalStateException("cannot register facefleet's metrics", e);
        }
    }

    private void register(CamelContext context) {
        MeterRegistry registry = context.getRegistry().findSingleByType(MeterRegistry.class);
        if (registry != null) {
            Gauge.builder("facefleet_queue_depth", stats, ServiceStats::queued).description("jobs waiting in the request queue").register(registry);
            Gauge.builder("facefleet_jobs_in_flight", stats, ServiceStats::inFlight).description("jobs being worked on").register(registry);
            Gauge.builder("facefleet_workers", stats, ServiceStats::workers).description("worker routes running").register(registry);
            if (engine != null) {
                List<BatchStats> nets = engine.batchStats();
                String[] names = {"landmarks", "descriptors", "age-gender", "expressions"};
                for (int i = 0; i < nets.size(); i++) {
                    BatchStats b = nets.get(i);
                    Gauge.builder("facefleet_batch_size_mean", b, BatchStats::meanBatchSize).tag("net", names[i])
                            .description("mean faces per forward pass").register(registry);
                    FunctionCounter.builder("facefleet_inference_seconds", b, BatchStats::seconds).tag("net", names[i])
                            .description("time in forward passes").register(registry);
                    FunctionCounter.builder("facefleet_inference_faces", b, x -> x.items()).tag("net", names[i])
                            .description("faces through the net").register(registry);
                }
            }
            if (controller != null) {
                Gauge.builder("facefleet_workers_desired", controller, FleetController::getDesired).description("workers the scaling policy wants").register(registry);
                Gauge.builder("facefleet_workers_running", controller, FleetController::getRunning).description("workers serving or starting").register(registry);
                Gauge.builder("facefleet_workers_draining", controller, FleetController::getDraining).description("workers finishing their jobs before they stop").register(registry);
                FunctionCounter.builder("facefleet_scaling_ticks", controller, FleetController::getTicks).description("scaling decisions made").register(registry);
                FunctionCounter.builder("facefleet_scaling_ticks_while_draining", controller, FleetController::getTicksWhileDraining)
                        .description("scaling decisions made while workers drained").register(registry);
                FunctionCounter.builder("facefleet_fleet_launches_refused", controller, FleetController::getLaunchesRefused)
                        .description("worker launches or starts the cloud refused (quota, capacity, state)").register(registry);
                FunctionCounter.builder("facefleet_fleet_launches_expired", controller, FleetController::getLaunchesExpired)
                        .description("worker launches or starts that never came up within the launch timeout").register(registry);
                FunctionCounter.builder("facefleet_fleet_workers_lost", controller, FleetController::getWorkersLostToOthers)
                        .description("workers stopped, terminated or dead without the controller asking").register(registry);
                Gauge.builder("facefleet_backlog", controller, FleetController::getBacklog).description("jobs queued plus in flight, as the controller last read them").register(registry);
            }
            if (cache != null) {
                FunctionCounter.builder("facefleet_cache_hits", cache, c -> c.hits()).description("byte-identical images answered from the cache").register(registry);
            }
        }
        if (engine != null) {
            HealthCheckRegistry health = HealthCheckRegistry.get(context);
            if (health != null) {
                health.register(new EngineReadiness(engine));
            }
        }
    }
}
