package io.facefleet.web;

import io.facefleet.messaging.HttpError;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.SynchronizationAdapter;

/**
 * Back-pressure at the door: when {@code maxWaiting} requests are already admitted on this web
 * host and not yet answered, a new one is refused at once with 503 and {@code Retry-After},
 * before its image is stored or its job queued, instead of joining a queue without end. A slot
 * is taken atomically on admission and given back when the request's exchange completes. When
 * the host stops, it first drains: no new admissions, and the admitted ones get their answers.
 */
public final class Admission implements Processor {

    private final AtomicInteger admitted = new AtomicInteger();
    private volatile boolean closing;
    private final int maxWaiting;
    private final int retryAfterSeconds;

    public Admission(int maxWaiting, int retryAfterSeconds) {
        if (maxWaiting < 1 || retryAfterSeconds < 1) {
            throw new IllegalArgumentException("facefleet.web.max-waiting and retry-after-s must be at least 1");
        }
        this.maxWaiting = maxWaiting;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** Requests admitted and not yet answered. */
    public int admitted() {
        return admitted.get();
    }

    /**
     * Stops admitting (new requests get 503 and Retry-After) and waits, at most {@code millis},
     * until every admitted request has its answer: a web host that stops drains first.
     */
    public void drain(long millis) throws InterruptedException {
        closing = true;
        long deadline = System.currentTimeMillis() + millis;
        while (admitted.get() > 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
    }

    @Override
    public void process(Exchange exchange) {
        if (closing) {
            throw new HttpError(503, "this web host is stopping; retry in " + retryAfterSeconds + " s", retryAfterSeconds);
        }
        if (admitted.incrementAndGet() > maxWaiting) {
            admitted.decrementAndGet();
            throw new HttpError(503, "the service is at capacity (" + maxWaiting + " requests waiting); retry in "
                    + retryAfterSeconds + " s", retryAfterSeconds);
        }
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                admitted.decrementAndGet();
            }

            /** The slot is this HTTP request's: never handed to the job's copy that a seda queue carries on. */
            @Override
            public boolean allowHandover() {
                return false;
            }
        });
    }
}
