package io.facefleet.web;

import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.component.platform.http.PlatformHttpEndpoint;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpConsumer;
import io.vertx.core.Handler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform-http consumer, but asynchronous: the stock Vert.x consumer runs a route on a
 * worker thread and blocks it until the exchange completes, so a request waiting for its reply
 * holds a thread. Here the worker thread only starts the route; when a step goes asynchronous
 * (the reply awaiter) the thread is free, and the response is written on the request's Vert.x
 * context when the exchange completes.
 */
final class AsyncHttpConsumer extends VertxPlatformHttpConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(AsyncHttpConsumer.class);
    /** Response headers our routes set and clients need. */
    private static final List<String> RESPONSE_HEADERS = List.of("Location", "Retry-After");
    /** Response headers of the AWS protocol's answers (their content type says so), which the SDKs read. */
    private static final List<String> AWS_RESPONSE_HEADERS = List.of("x-amzn-RequestId", "x-amzn-ErrorType", "Date");

    AsyncHttpConsumer(PlatformHttpEndpoint endpoint, Processor processor, List<Handler<RoutingContext>> handlers,
                      String routerName) {
        super(endpoint, processor, handlers, routerName);
    }

    @Override
    protected void handleRequest(RoutingContext ctx) {
        ctx.put(RequestGuards.DISPATCHED, true);
        Context context = ctx.vertx().getOrCreateContext();
        Exchange exchange = createExchange(false);
        exchange.setPattern(ExchangePattern.InOut);
        processHttpRequest(exchange, ctx).onComplete(read -> {
            if (read.failed()) {
                LOG.debug("cannot read request", read.cause());
                ctx.response().setStatusCode(400).end("cannot read the request");
                releaseExchange(exchange, false);
                return;
            }
            if (!ctx.fileUploads().isEmpty()) {
                // the stock consumer does this in a private step of its own request handler
                populateAttachments(ctx.fileUploads(), exchange.getMessage());
            }
            ctx.vertx().executeBlocking(() -> {
                createUoW(exchange);
                getAsyncProcessor().process(exchange, doneSync -> context.runOnContext(v -> complete(ctx, exchange)));
                return null;
            }, false);
        });
    }

    private void complete(RoutingContext ctx, Exchange exchange) {
        try {
            write(ctx.response(), exchange);
        } catch (RuntimeException e) {
            LOG.warn("cannot write the response", e);
            if (!ctx.response().ended()) {
                ctx.response().setStatusCode(500).end("internal error");
            }
        } finally {
            doneUoW(exchange);
            releaseExchange(exchange, false);
        }
    }

    /** Status, content type, a few named headers and the body; an unhandled exception is a 500. */
    private static void write(HttpServerResponse response, Exchange exchange) {
        if (exchange.getException() != null) {
            LOG.warn("unhandled failure", exchange.getException());
            response.setStatusCode(500).putHeader("Content-Type", "text/plain; charset=utf-8").end("internal error");
            return;
        }
        Message m = exchange.getMessage();
        response.setStatusCode(m.getHeader(Exchange.HTTP_RESPONSE_CODE, 200, Integer.class));
        String type = m.getHeader(Exchange.CONTENT_TYPE, String.class);
        if (type != null) {
            response.putHeader("Content-Type", type);
        }
        for (String h : RESPONSE_HEADERS) {
            String v = m.getHeader(h, String.class);
            if (v != null) {
                response.putHeader(h, v);
            }
        }
        if (type != null && type.startsWith("application/x-amz-json")) {
            for (String h : AWS_RESPONSE_HEADERS) {
                String v = m.getHeader(h, String.class);
                if (v != null) {
                    response.putHeader(h, v);
                }
            }
        }
        byte[] body = m.getBody(byte[].class);
        response.end(body == null ? Buffer.buffer() : Buffer.buffer(body));
    }
}
