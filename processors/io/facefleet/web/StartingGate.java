package io.facefleet.web;

import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * While the web tier starts or stops, its HTTP server listens while routes are not (yet, or any
 * more) on the router, and a request would get Vert.x's 404 (a wrong answer, not a refusal).
 * From the first Camel event after the router exists, whenever the Camel context is not started,
 * every request gets 503 with Retry-After instead, which clients retry. One window remains: Camel
 * opens the port a few milliseconds before the first event (CamelContextStarting), and a request
 * in it still gets 404.
 */
public final class StartingGate extends EventNotifierSupport {

    private static final Logger LOG = LoggerFactory.getLogger(StartingGate.class);

    private final int port;
    private final int retryAfterSeconds;
    private volatile boolean installed;

    public StartingGate(int port, int retryAfterSeconds) {
        this.port = port;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return !installed;
    }

    @Override
    public void notify(CamelEvent event) {
        CamelContext context = getCamelContext();
        VertxPlatformHttpRouter router = context == null ? null
                : VertxPlatformHttpRouter.lookup(context, VertxPlatformHttpRouter.getRouterNameFromPort(port));
        if (router == null || installed) {
            return;
        }
        installed = true;
        LOG.debug("starting gate on port {} from {}", port, event.getType());
        // first on the router, before the request guards: until start-up is complete, refuse
        router.route().order(-2).handler(ctx -> {
            if (context.isStarted()) {
                ctx.next();
            } else {
                ctx.response().setStatusCode(503).putHeader("Retry-After", Integer.toString(retryAfterSeconds))
                        .putHeader("Content-Type", "text/plain; charset=utf-8").end("the service is starting: retry shortly");
            }
        });
    }
}
