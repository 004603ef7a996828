package io.facefleet.testing;

import java.util.Arrays;

/** What the benchmarks print of several rounds of one measure. */
public final class Rounds {

    private Rounds() {
    }

    /** The median (the upper one of an even count). */
    public static double median(double[] rounds) {
        double[] sorted = rounds.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /** Each round to one decimal, for printing. */
    public static double[] toTenths(double[] rounds) {
        double[] out = new double[rounds.length];
        for (int i = 0; i < rounds.length; i++) {
            out[i] = Math.round(rounds[i] * 10) / 10.0;
        }
        return out;
    }
}
