package io.facefleet.web;

import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the HTTP server must refuse before a request reaches a route, installed first on the
 * router once Camel has started:
 * <ul>
 * <li><b>Slow clients time out.</b> A request whose body has not fully arrived
 * {@code timeoutMillis} after its headers gets 408 and its connection is closed, so a client
 * trickling an upload holds no buffer or connection for long. So does a body that arrived but
 * never parsed (a multipart body whose closing boundary never comes), with 400.</li>
 * <li><b>Broken bodies are the client's error.</b> A failure while the body is read or parsed
 * (damaged multipart, a part cut off) answers 400, not Vert.x's bare 500.</li>
 * </ul>
 * Requests already handed to a route, such as those waiting for their reply, are never touched.
 */
public final class RequestGuards implements StartupListener {

    private static final Logger LOG = LoggerFactory.getLogger(RequestGuards.class);
    /** Set on the routing context when the body is parsed and the request handed to its route. */
    static final String DISPATCHED = "facefleet.dispatched";

    private final int port;
    private final long timeoutMillis;

    public RequestGuards(int port, long timeoutMillis) {
        this.port = port;
        this.timeoutMillis = timeoutMillis;
    }

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        VertxPlatformHttpRouter router = VertxPlatformHttpRouter.lookup(context, VertxPlatformHttpRouter.getRouterNameFromPort(port));
        if (router == null) {
            LOG.warn("no HTTP router on port {}: slow and broken requests are not guarded", port);
            return;
        }
        Vertx vertx = router.vertx();
        router.route().order(-1).handler(ctx -> {
            long timer = vertx.setTimer(timeoutMillis, id -> expire(ctx));
            ctx.addEndHandler(done -> vertx.cancelTimer(timer));
            ctx.next();
        }).failureHandler(RequestGuards::failed);
    }

    private void expire(RoutingContext ctx) {
        if (ctx.response().ended() || ctx.response().closed() || Boolean.TRUE.equals(ctx.get(DISPATCHED))) {
            return;
        }
        boolean arrived = ctx.request().isEnded();
        LOG.info("closing a request from {}: its body {} within {} ms", ctx.request().remoteAddress(),
                arrived ? "did not parse" : "did not arrive", timeoutMillis);
        answer(ctx, arrived ? 400 : 408, arrived
                ? "the request body could not be read as multipart/form-data"
                : "the request did not arrive within " + timeoutMillis / 1000.0 + " s");
        ctx.request().connection().close();
    }

    private static void failed(RoutingContext ctx) {
        if (ctx.response().ended() || ctx.response().closed()) {
            return;
        }
        int code = ctx.statusCode();
        if (Boolean.TRUE.equals(ctx.get(DISPATCHED))) {
            LOG.error("request failed after it reached its route", ctx.failure());
            answer(ctx, code >= 400 ? code : 500, "internal error");
            return;
        }
        // reading or parsing the body failed: the body is at fault (a limit, a broken part)
        LOG.debug("request body could not be read", ctx.failure());
        answer(ctx, code >= 400 && code < 500 ? code : 400, code == 413
                ? "the request is larger than the limit" : "the request body could not be read as multipart/form-data");
    }

    private static void answer(RoutingContext ctx, int status, String message) {
        ctx.response().setStatusCode(status).putHeader("Connection", "close").putHeader("Content-Type", "text/plain; charset=utf-8")
                .end(message);
    }
}
