package io.facefleet.scaling;

import io.facefleet.worker.JobRunner;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.seda.SedaEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local fleet: workers are Camel routes made from the {@code worker} route template. Each
 * tick reads the request queue's depth and the jobs in flight, asks {@link ScalingPolicy}, and
 * adds or removes worker routes to match. Removing stops the route first, which lets its
 * in-flight exchange finish (drain) before the route goes.
 */
public final class LocalWorkerFleet implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(LocalWorkerFleet.class);
    private static final String TEMPLATE = "worker";

    private final String requestQueueUri;
    private final JobRunner jobs;
    private final ScalingPolicy.Limits limits;
    private final List<String> workers = new ArrayList<>();
    private long idleSince = -1;
    private int sequence;
    private volatile String lastReason = "";
    private volatile int lastQueued;

    public LocalWorkerFleet(String requestQueueUri, JobRunner jobs, ScalingPolicy.Limits limits) {
        this.requestQueueUri = requestQueueUri;
        this.jobs = jobs;
        this.limits = limits;
    }

    @Override
    public synchronized void process(Exchange exchange) throws Exception {
        CamelContext context = exchange.getContext();
        int visible = context.getEndpoint(requestQueueUri, SedaEndpoint.class).getCurrentQueueSize();
        int inFlight = jobs.inFlight();
        lastQueued = visible;
        long now = System.currentTimeMillis();
        if (visible + inFlight > 0) {
            idleSince = -1;
        } else if (idleSince < 0) {
            idleSince = now;
        }
        ScalingPolicy.Decision d = ScalingPolicy.decide(visible, inFlight, workers.size(),
                idleSince < 0 ? 0 : now - idleSince, limits);
        if (d.desired() != workers.size()) {
            LOG.info("workers {} -> {}: {} (queued {}, in flight {})", workers.size(), d.desired(), d.reason(), visible, inFlight);
        }
        lastReason = d.reason();
        while (workers.size() < d.desired()) {
            String id = "worker-" + (++sequence);
            context.addRouteFromTemplate(id, TEMPLATE, Map.of("workerId", id, "queue", consumerUri(sequence)));
            workers.add(id);
        }
        while (workers.size() > d.desired()) {
            String id = workers.remove(workers.size() - 1);
            context.getRouteController().stopRoute(id);
            context.removeRoute(id);
        }
        exchange.getMessage().setBody(workers.size());
    }

    /**
     * Camel allows one consuming route per endpoint URI, while seda queues are shared by name: a
     * distinct poll timeout (a harmless option) gives each worker its own endpoint on the one queue.
     */
    private String consumerUri(int n) {
        return requestQueueUri + (requestQueueUri.contains("?") ? "&" : "?") + "pollTimeout=" + (1000 + n);
    }

    public synchronized int running() {
        return workers.size();
    }

    /** Queue depth at the last tick. */
    public int lastQueued() {
        return lastQueued;
    }

    public String lastReason() {
        return lastReason;
    }
}
