package io.facefleet.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.facefleet.testing.RunningService;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.apache.camel.Route;
import org.apache.camel.support.service.ServiceHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker that is leaving (its consumer suspended while it finishes its job) is a normal state
 * of an elastic fleet: the host stays healthy, so a load balancer keeps sending it clients.
 */
class DrainingWorkerHealthTest {

    @TempDir
    Path data;

    private static void assertHealthy(RunningService service) throws Exception {
        HttpResponse<String> health = service.send(HttpRequest.newBuilder(service.managementUri("/observe/health")).GET());
        assertEquals(200, health.statusCode(), health.body());
    }

    @Test
    void aLeavingWorkerLeavesTheHostHealthy() throws Exception {
        try (RunningService service = RunningService.start("facefleet.data-dir=" + data)) {
            Route worker = null;
            long deadline = System.currentTimeMillis() + 30_000;
            while (worker == null && System.currentTimeMillis() < deadline) {
                worker = service.context().getRoutes().stream().filter(r -> r.getRouteId().startsWith("worker-")).findFirst().orElse(null);
                Thread.sleep(100);
            }
            assertTrue(worker != null, "the minimum worker runs");
            // a leaving worker: its consumer suspended, then its route stopped before it is removed
            ServiceHelper.suspendService(worker.getConsumer());
            assertHealthy(service);
            service.context().getRouteController().stopRoute(worker.getRouteId());
            assertHealthy(service);
        }
    }
}
