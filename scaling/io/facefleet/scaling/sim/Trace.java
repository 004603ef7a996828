package io.facefleet.scaling.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Request arrival times (milliseconds from the start), by name; random ones from a fixed seed. */
public final class Trace {

    public static final List<String> NAMES = List.of("burst-100", "burst-1000", "ramp", "sine", "spikes");

    private Trace() {
    }

    public static long[] of(String name, long seed) {
        Random r = new Random(seed);
        List<Long> t = new ArrayList<>();
        switch (name) {
            case "burst-100" -> burst(t, 0, 100);
            case "burst-1000" -> burst(t, 0, 1000);
            case "ramp" -> poisson(t, r, 0, 120_000, ms -> 20.0 * ms / 120_000);         // 0 to 20 requests/s over 2 min
            case "sine" -> poisson(t, r, 0, 180_000, ms -> 10 + 9 * Math.sin(2 * Math.PI * ms / 60_000)); // 1..19 /s
            case "spikes" -> {
                for (long at = 0; at < 180_000; at += 10_000 + r.nextInt(20_000)) {
                    burst(t, at, 20 + r.nextInt(81));
                }
            }
            default -> throw new IllegalArgumentException("unknown trace " + name + "; one of " + NAMES);
        }
        return t.stream().mapToLong(Long::longValue).sorted().toArray();
    }

    /** A steady Poisson load, for the no-oscillation property. */
    public static long[] steady(double perSecond, long durationMillis, long seed) {
        List<Long> t = new ArrayList<>();
        poisson(t, new Random(seed), 0, durationMillis, ms -> perSecond);
        return t.stream().mapToLong(Long::longValue).toArray();
    }

    private static void burst(List<Long> t, long at, int n) {
        for (int i = 0; i < n; i++) {
            t.add(at);
        }
    }

    private static void poisson(List<Long> t, Random r, long from, long to, java.util.function.LongToDoubleFunction rate) {
        for (long ms = from; ms < to; ms += 100) {
            double expected = rate.applyAsDouble(ms) / 10;
            // Knuth's method, fine for small means
            double l = Math.exp(-expected);
            double p = 1;
            int k = -1;
            do {
                k++;
                p *= r.nextDouble();
            } while (p > l);
            for (int i = 0; i < k; i++) {
                t.add(ms + r.nextInt(100));
            }
        }
    }
}
