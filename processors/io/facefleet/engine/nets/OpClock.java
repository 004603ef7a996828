package io.facefleet.engine.nets;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Thread CPU time per layer kind, for the engine profile (docs/benchmarks.md): off unless switched
 * on, then each op group of the nets adds the CPU time of its calling thread. With one PyTorch
 * intra-op thread an op runs on that thread, so the figure is the op's own cost, whatever else
 * the machine runs.
 */
final class OpClock {

    static volatile boolean on = false;
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
    private static final Map<String, LongAdder> NANOS = new ConcurrentHashMap<>();

    private OpClock() {
    }

    /** The thread's CPU time now, or 0 when off. */
    static long start() {
        return on ? CPU.getCurrentThreadCpuTime() : 0;
    }

    /** Adds the CPU time since {@code t0} to {@code kind} and returns {@code result}. */
    static <T> T stop(String kind, long t0, T result) {
        if (on && t0 != 0) {
            NANOS.computeIfAbsent(kind, k -> new LongAdder()).add(CPU.getCurrentThreadCpuTime() - t0);
        }
        return result;
    }

    /** CPU ns per kind since the last drain, and starts again from zero. */
    static Map<String, Long> drain() {
        Map<String, Long> out = new TreeMap<>();
        NANOS.forEach((k, v) -> out.put(k, v.sumThenReset()));
        return out;
    }
}
