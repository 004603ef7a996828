package io.facefleet.web;

import io.facefleet.json.Mappers;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.function.IntSupplier;
import org.apache.camel.Exchange;

/**
 * What the page's live view shows: answered requests per second (last 10 s), latency p50/p99
 * (last 60 s), and, where this host runs the workers, queue depth, jobs in flight and workers.
 */
public final class ServiceStats {

    private static final long WINDOW_MS = 60_000;
    private static final long RATE_MS = 10_000;

    private record Sample(long at, long latencyMillis) {
    }

    private final Deque<Sample> samples = new ArrayDeque<>();
    private volatile IntSupplier queued = () -> -1;
    private volatile IntSupplier inFlight = () -> -1;
    private volatile IntSupplier workers = () -> -1;

    /** Where the figures of the app and scaling tiers come from, when this host runs them. */
    public void watch(IntSupplier queued, IntSupplier inFlight, IntSupplier workers) {
        this.queued = queued;
        this.inFlight = inFlight;
        this.workers = workers;
    }

    public double queued() {
        return queued.getAsInt();
    }

    public double inFlight() {
        return inFlight.getAsInt();
    }

    public double workers() {
        return workers.getAsInt();
    }

    /** One answered request and how long it took from upload to reply. */
    public synchronized void record(long latencyMillis) {
        long now = System.currentTimeMillis();
        samples.addLast(new Sample(now, latencyMillis));
        while (!samples.isEmpty() && samples.peekFirst().at() < now - WINDOW_MS) {
            samples.removeFirst();
        }
    }

    public void answer(Exchange exchange) throws Exception {
        long now = System.currentTimeMillis();
        long[] latencies;
        long recent;
        synchronized (this) {
            latencies = samples.stream().filter(s -> s.at() >= now - WINDOW_MS).mapToLong(Sample::latencyMillis).toArray();
            recent = samples.stream().filter(s -> s.at() >= now - RATE_MS).count();
        }
        Arrays.sort(latencies);
        var doc = Mappers.json().createObjectNode()
                .put("queued", queued.getAsInt()).put("inFlight", inFlight.getAsInt()).put("workers", workers.getAsInt())
                .put("requestsPerSecond", recent * 1000.0 / RATE_MS)
                .put("latencyP50Ms", percentile(latencies, 50)).put("latencyP99Ms", percentile(latencies, 99));
        SubjectsApi.json(exchange, 200, Mappers.json().writeValueAsString(doc));
    }

    private static long percentile(long[] sorted, int p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }
}
