package io.facefleet.scaling;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.support.service.ServiceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local fleet: workers are Camel routes made from the {@code worker} route template, all
 * consuming the one seda request queue.
 *
 * <p>A worker leaves in three steps, none on the controller's thread: its consumer is suspended
 * (it polls no more jobs; the jobs still queued stay on the shared queue for the others), the
 * job it holds is finished, and only then is its route stopped and removed. Camel's own
 * {@code stopRoute} is not enough: a seda consumer counts every message of the shared queue as
 * its pending work, so stopping one worker while a burst waits blocks until the whole queue is
 * empty, and past the shutdown timeout it is forced, interrupting the job it holds.
 */
public final class LocalFleet implements FleetDriver {

    private static final Logger LOG = LoggerFactory.getLogger(LocalFleet.class);
    private static final String TEMPLATE = "worker";
    /** A worker that holds nothing and is suspended loses nothing when its stop is forced: do not wait long for it. */
    private static final long STOP_IDLE_ROUTE_SECONDS = 1;

    private final Supplier<CamelContext> camel;
    private final String requestQueueUri;
    private final long drainTimeoutMillis;
    private final List<String> workers = new ArrayList<>();
    /** Workers leaving: suspended, finishing their job, then removed by a drain thread. */
    private final Map<String, Long> draining = new ConcurrentHashMap<>();
    private final ExecutorService drains = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "facefleet-worker-drain");
        t.setDaemon(true);
        return t;
    });
    private int sequence;
    private volatile int drained;
    /** Guards route removal against the context's stop (see {@link #contextStopping()}). */
    private final Object removals = new Object();
    private boolean contextStopping;

    /**
     * @param camel the context the worker routes run in (built after this driver, read at each tick)
     * @param drainTimeoutMillis how long a leaving worker may take to finish its job before its stop is forced
     */
    public LocalFleet(Supplier<CamelContext> camel, String requestQueueUri, long drainTimeoutMillis) {
        this.camel = camel;
        this.requestQueueUri = requestQueueUri;
        this.drainTimeoutMillis = drainTimeoutMillis;
    }

    @Override
    public synchronized int running() {
        return workers.size();
    }

    @Override
    public int draining() {
        return draining.size();
    }

    /** Workers that have left after draining, since start. */
    public int drained() {
        return drained;
    }

    @Override
    public synchronized void reconcile(int desired) throws Exception {
        CamelContext context = camel.get();
        while (workers.size() < desired) {
            String id = "worker-" + (++sequence);
            context.addRouteFromTemplate(id, TEMPLATE, Map.of("workerId", id, "queue", consumerUri(sequence)));
            workers.add(id);
        }
        while (workers.size() > desired) {
            String id = workers.remove(workers.size() - 1);
            leave(id, context);
        }
    }

    /** Stops the worker taking jobs now; finishes and removes it on a drain thread. */
    private void leave(String id, CamelContext context) throws Exception {
        Route route = context.getRoute(id);
        if (route == null) {
            return;
        }
        ServiceHelper.suspendService(route.getConsumer());
        draining.put(id, System.currentTimeMillis());
        LOG.info("worker {} takes no more jobs; it leaves once its job is done", id);
        drains.execute(() -> finishAndRemove(id, context, pollTimeout(route)));
    }

    private void finishAndRemove(String id, CamelContext context, long pollTimeoutMillis) {
        long since = draining.get(id);
        try {
            // a poll begun before the suspension may still hand the worker one job: let it arrive
            Thread.sleep(pollTimeoutMillis + 100);
            while (context.getInflightRepository().size(id) > 0) {
                if (System.currentTimeMillis() - since > drainTimeoutMillis) {
                    LOG.warn("worker {} did not finish its job within {} ms: stopping it anyway", id, drainTimeoutMillis);
                    break;
                }
                Thread.sleep(50);
            }
            synchronized (removals) {
                if (contextStopping) {
                    // the context stops every route itself; removing one now would race its walk over them
                    return;
                }
                context.getRouteController().stopRoute(id, STOP_IDLE_ROUTE_SECONDS, TimeUnit.SECONDS);
                context.removeRoute(id);
            }
            drained++;
            LOG.info("worker {} drained and removed after {} ms", id, System.currentTimeMillis() - since);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn("worker {} could not be removed after draining: {}", id, e.toString());
        } finally {
            draining.remove(id);
        }
    }

    private static long pollTimeout(Route route) {
        if (route.getEndpoint() instanceof org.apache.camel.component.seda.SedaEndpoint seda) {
            return seda.getPollTimeout();
        }
        return 1000;
    }

    /**
     * Camel allows one consuming route per endpoint URI, while seda queues are shared by name: a
     * distinct poll timeout (a harmless option) gives each worker its own endpoint on the one queue.
     */
    private String consumerUri(int n) {
        return requestQueueUri + (requestQueueUri.contains("?") ? "&" : "?") + "pollTimeout=" + (1000 + n);
    }

    @Override
    public void contextStopping() {
        // waits for a removal under way, so none overlaps the context's own stop
        synchronized (removals) {
            contextStopping = true;
        }
    }

    @Override
    public void shutdown() {
        // Camel stops the remaining routes itself on shutdown
        drains.shutdownNow();
    }
}
