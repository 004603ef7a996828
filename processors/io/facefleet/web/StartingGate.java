package io.facefleet.web;

import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;

/**
 * While the web tier starts, its HTTP server listens before every route is on the router, and a
 * request for a route not there yet would get Vert.x's 404 (a wrong answer, not a refusal). From
 * the first start-up event after the router exists until the Camel context has started, a
 * request that matches no route gets 503 with Retry-After instead, which clients retry. After
 * start-up an unknown path is a plain 404 again.
 */
public final class StartingGate extends EventNotifierSupport {

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
        router.errorHandler(404, ctx -> {
            boolean starting = !context.isStarted();
            ctx.response().setStatusCode(starting ? 503 : 404).putHeader("Content-Type", "text/plain; charset=utf-8");
            if (starting) {
                ctx.response().putHeader("Retry-After", Integer.toString(retryAfterSeconds)).end("the service is starting: retry shortly");
            } else {
                ctx.response().end("Resource not found");
            }
        });
    }
}
