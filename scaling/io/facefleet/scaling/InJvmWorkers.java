package io.facefleet.scaling;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;

/**
 * The local fleet: workers are Camel routes made from the {@code worker} route template.
 * Removing one stops its route first, which lets its in-flight exchange finish (drain) before
 * the route goes.
 */
public final class InJvmWorkers implements FleetDriver {

    private static final String TEMPLATE = "worker";

    private final String requestQueueUri;
    private final List<String> workers = new ArrayList<>();
    private int sequence;

    public InJvmWorkers(String requestQueueUri) {
        this.requestQueueUri = requestQueueUri;
    }

    @Override
    public synchronized int running() {
        return workers.size();
    }

    @Override
    public synchronized void reconcile(int desired, CamelContext context) throws Exception {
        while (workers.size() < desired) {
            String id = "worker-" + (++sequence);
            context.addRouteFromTemplate(id, TEMPLATE, Map.of("workerId", id, "queue", consumerUri(sequence)));
            workers.add(id);
        }
        while (workers.size() > desired) {
            String id = workers.remove(workers.size() - 1);
            context.getRouteController().stopRoute(id);
            context.removeRoute(id);
        }
    }

    /**
     * Camel allows one consuming route per endpoint URI, while seda queues are shared by name: a
     * distinct poll timeout (a harmless option) gives each worker its own endpoint on the one queue.
     */
    private String consumerUri(int n) {
        return requestQueueUri + (requestQueueUri.contains("?") ? "&" : "?") + "pollTimeout=" + (1000 + n);
    }
}
