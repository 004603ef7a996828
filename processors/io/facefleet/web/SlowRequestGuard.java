package io.facefleet.web;

import io.vertx.core.Vertx;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Slow clients time out: a request whose body has not fully arrived {@code timeoutMillis} after
 * its headers is answered 408 and its connection closed, so a client trickling an upload (a
 * slow-loris on the body) holds no buffer or connection for long. Installed first on the HTTP
 * router once Camel has started; requests already received and waiting for their reply are
 * never touched.
 */
public final class SlowRequestGuard implements StartupListener {

    private static final Logger LOG = LoggerFactory.getLogger(SlowRequestGuard.class);

    private final int port;
    private final long timeoutMillis;

    public SlowRequestGuard(int port, long timeoutMillis) {
        this.port = port;
        this.timeoutMillis = timeoutMillis;
    }

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        VertxPlatformHttpRouter router = VertxPlatformHttpRouter.lookup(context, VertxPlatformHttpRouter.getRouterNameFromPort(port));
        if (router == null) {
            LOG.warn("no HTTP router on port {}: slow requests are not timed out", port);
            return;
        }
        Vertx vertx = router.vertx();
        router.route().order(-1).handler(ctx -> {
            long timer = vertx.setTimer(timeoutMillis, id -> {
                if (!ctx.request().isEnded() && !ctx.response().ended()) {
                    LOG.info("closing a request from {} whose body did not arrive within {} ms", ctx.request().remoteAddress(), timeoutMillis);
                    ctx.response().setStatusCode(408).putHeader("Connection", "close").putHeader("Content-Type", "text/plain")
                            .end("the request did not arrive within " + timeoutMillis / 1000.0 + " s");
                    ctx.request().connection().close();
                }
            });
            ctx.addEndHandler(done -> vertx.cancelTimer(timer));
            ctx.next();
        });
    }
}
