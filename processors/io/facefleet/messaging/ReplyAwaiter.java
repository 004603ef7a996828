package io.facefleet.messaging;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.camel.AsyncCallback;
import org.apache.camel.AsyncProcessor;
import org.apache.camel.Exchange;
import org.apache.camel.support.AsyncProcessorSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Request/reply correlation by request id. The web tier calls {@link #expect} before it queues a
 * job (so a fast reply is never early), then the route waits asynchronously: the exchange is
 * resumed by the reply-consumer route ({@link #complete}) or by the timeout, which answers 504.
 */
public final class ReplyAwaiter extends AsyncProcessorSupport implements AsyncProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(ReplyAwaiter.class);
    /** Exchange property holding the request id. */
    public static final String REQUEST_ID = "facefleetRequestId";

    private final Map<String, CompletableFuture<Reply>> pending = new ConcurrentHashMap<>();
    private final Map<String, Long> startedAt = new ConcurrentHashMap<>();
    private final long timeoutMillis;
    private volatile long lastExpectedAt = Long.MIN_VALUE;
    private final java.util.function.LongConsumer latencies;

    /** @param latencies told each answered request's time from registration to reply */
    public ReplyAwaiter(long timeoutMillis, java.util.function.LongConsumer latencies) {
        this.timeoutMillis = timeoutMillis;
        this.latencies = latencies;
    }

    /** Registers a request before its job is queued. */
    public void expect(String requestId) {
        long now = System.currentTimeMillis();
        lastExpectedAt = now;
        startedAt.put(requestId, now);
        pending.put(requestId, new CompletableFuture<>());
    }

    /** Forgets a request that was never queued (the web tier failed before sending it). */
    public void cancel(String requestId) {
        pending.remove(requestId);
        startedAt.remove(requestId);
    }

    /** Delivers a reply; a reply nobody waits for (late, or for another host) is logged and dropped. */
    public void complete(Reply reply) {
        CompletableFuture<Reply> f = pending.get(reply.requestId());
        if (f == null) {
            LOG.warn("reply for {} arrived but no request waits for it (timed out earlier?)", reply.requestId());
            return;
        }
        f.complete(reply);
    }

    /** When a request was last registered (Long.MIN_VALUE: never): the scaling tier's sign that work arrives. */
    public long lastExpectedAt() {
        return lastExpectedAt;
    }

    public int waiting() {
        return pending.size();
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        String id = exchange.getProperty(REQUEST_ID, String.class);
        CompletableFuture<Reply> f = id == null ? null : pending.get(id);
        if (f == null) {
            exchange.setException(new IllegalStateException("no pending request " + id));
            callback.done(true);
            return true;
        }
        f.orTimeout(timeoutMillis, TimeUnit.MILLISECONDS).whenComplete((reply, error) -> {
            pending.remove(id);
            Long started = startedAt.remove(id);
            if (error == null && started != null) {
                latencies.accept(System.currentTimeMillis() - started);
            }
            if (error instanceof TimeoutException) {
                exchange.setException(new HttpError(504, "no answer within " + timeoutMillis / 1000.0
                        + " s; the request is still queued and will be processed"));
            } else if (error != null) {
                exchange.setException(error);
            } else {
                exchange.getMessage().setBody(reply);
            }
            callback.done(false);
        });
        return false;
    }
}
