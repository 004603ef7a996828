package io.facefleet.engine.batch;

import java.util.concurrent.atomic.LongAdder;

/** Counts of batches run and items in them, for metrics (mean batch size). */
public final class BatchStats {

    private final LongAdder batches = new LongAdder();
    private final LongAdder items = new LongAdder();
    private final LongAdder nanos = new LongAdder();

    void record(int size, long elapsedNanos) {
        batches.increment();
        items.add(size);
        nanos.add(elapsedNanos);
    }

    /** Time spent in forward passes, in seconds. */
    public double seconds() {
        return nanos.sum() / 1e9;
    }

    public long batches() {
        return batches.sum();
    }

    public long items() {
        return items.sum();
    }

    public double meanBatchSize() {
        long b = batches();
        return b == 0 ? 0 : (double) items() / b;
    }
}
