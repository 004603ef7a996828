package io.facefleet.scaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.facefleet.testing.ScaleInBursts;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

/**
 * A worker leaving while the context stops: Camel walks its routes to stop them, and a drain
 * thread removing a route during that walk broke the stop (ConcurrentModificationException in
 * Camel's stop summary, seen once in a full run). Once the context has begun to stop, the drain
 * leaves the route to Camel.
 */
class LocalFleetStopTest {

    @Test
    void aWorkerThatFinishesDrainingWhileTheContextStopsIsLeftToCamel() throws Exception {
        try (CamelContext context = withWorkerTemplate()) {
            LocalFleet fleet = new LocalFleet(() -> context, "seda:jobs", 5_000);
            fleet.reconcile(2);
            assertEquals(2, context.getRoutes().size());
            fleet.reconcile(1);
            // the context begins to stop while worker-2 drains (what the stopping event tells the driver)
            fleet.contextStopping();
            ScaleInBursts.await("worker-2 done draining", 10_000, () -> fleet.draining() == 0);
            assertNotNull(context.getRoute("worker-2"), "a route the stopping context walks is not removed under it");
            assertEquals(0, fleet.drained());
        }
    }

    @Test
    void aWorkerThatFinishesDrainingWhileTheContextRunsIsRemoved() throws Exception {
        try (CamelContext context = withWorkerTemplate()) {
            LocalFleet fleet = new LocalFleet(() -> context, "seda:jobs", 5_000);
            fleet.reconcile(2);
            fleet.reconcile(1);
            ScaleInBursts.await("worker-2 drained and removed", 10_000, () -> fleet.drained() == 1);
            assertEquals(1, context.getRoutes().size());
        }
    }

    /** A started context with the shape of the app tier's worker template, with no work in it. */
    private static CamelContext withWorkerTemplate() throws Exception {
        CamelContext context = new DefaultCamelContext();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                routeTemplate("worker").templateParameter("workerId").templateParameter("queue").from("{{queue}}").log("job");
            }
        });
        context.start();
        return context;
    }
}
