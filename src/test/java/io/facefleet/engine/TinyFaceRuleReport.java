package io.facefleet.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Names the faces {@link TinyFaceRules} measured under each rule and prints one line per rule:
 * seed variants wrong (by subject), real tiny faces right, and how often a second look fired.
 * A rule is: the crop the gallery's tiny enrolments keep (one of the crops, {@code M} the
 * renormalised mean of {@code L} and {@code B}, or {@code L+B} both as two examples), the query's
 * crop, and optionally a second crop asked only when the first answer is ambiguous (the nearest
 * distance within {@code band} of 0.6, or the nearest other subject within {@code gap} of it).
 */
final class TinyFaceRuleReport {

    private static final int L = 0, B = 1, C1 = 2, C2 = 3, M = 4;
    private static final String[] NAMES = {"L", "B", "C1", "C2", "M"};

    private TinyFaceRuleReport() {
    }

    record Rule(String gallery, int first, int second, double band, double gap) {
        String name() {
            String s = "gallery " + gallery + ", query " + NAMES[first];
            return second < 0 ? s : s + String.format(Locale.ROOT, ", second look %s when |d-0.6|<%.2f or gap<%.2f", NAMES[second], band, gap);
        }
    }

    record Answer(String label, double d1, double d2) {
    }

    static void report(TinyFaceRules.Sets s) {
        List<Rule> rules = new ArrayList<>();
        for (String g : new String[] {"L", "B", "C1", "C2", "M"}) {
            rules.add(new Rule(g, index(g), -1, 0, 0));
        }
        rules.add(new Rule("L", M, -1, 0, 0));
        rules.add(new Rule("L", B, -1, 0, 0));
        rules.add(new Rule("M", L, -1, 0, 0));
        rules.add(new Rule("L+B", L, -1, 0, 0));
        rules.add(new Rule("L+B", M, -1, 0, 0));
        for (String g : new String[] {"L", "M", "L+B"}) {
            for (int second : new int[] {B, M}) {
                for (double band : new double[] {0, 0.05, 0.1}) {
                    for (double gap : new double[] {0, 0.05, 0.1}) {
                        if (band > 0 || gap > 0) {
                            rules.add(new Rule(g, L, second, band, gap));
                        }
                    }
                }
            }
        }
        System.out.printf(Locale.ROOT, "%d seed variants, %d real tiny faces, %d real examples%n",
                s.seedQueries().size(), s.realQueries().size(), s.realGallery().size());
        for (Rule r : rules) {
            List<String> labels = new ArrayList<>();
            List<float[]> vectors = new ArrayList<>();
            for (TinyFaceRules.Tiny t : s.seedGallery()) {
                for (String part : r.gallery().split("\\+")) {
                    labels.add(t.truth());
                    vectors.add(rep(t, index(part)));
                }
            }
            int[] seed = eval(r, s.seedQueries(), labels, vectors, null);
            List<String> realMisses = new ArrayList<>();
            int[] real = eval(r, s.realQueries(), s.realLabels(), s.realGallery(), realMisses);
            System.out.printf(Locale.ROOT, "%-78s | seed wrong %3d of %d %s, fired %.2f %% | real right %2d of %d, fired %d; misses %s%n",
                    r.name(), seed[0], s.seedQueries().size(), byLabel, 100.0 * seed[1] / s.seedQueries().size(),
                    s.realQueries().size() - real[0], s.realQueries().size(), real[1], realMisses);
            if (r.second() < 0) {
                System.out.println("  seed variants wrong (index from the first measured): " + wrongVariants);
            }
        }
    }

    private static Map<String, Integer> byLabel = new TreeMap<>();
    /** The seed queries (index from the first measured variant) the last rule named wrong. */
    private static List<Integer> wrongVariants = new ArrayList<>();

    /** {wrong, second looks}; collects misses when asked and the seed's wrong by subject. */
    private static int[] eval(Rule r, List<TinyFaceRules.Tiny> queries, List<String> labels, List<float[]> vectors, List<String> misses) {
        Map<String, Integer> by = new TreeMap<>();
        int wrong = 0;
        int fired = 0;
        List<Integer> wrongAt = new ArrayList<>();
        for (int i = 0; i < queries.size(); i++) {
            TinyFaceRules.Tiny q = queries.get(i);
            Answer a = nearest(rep(q, r.first()), labels, vectors);
            if (r.second() >= 0 && (Math.abs(a.d1() - TinyFaceRules.THRESHOLD) < r.band() || a.d2() - a.d1() < r.gap())) {
                fired++;
                a = nearest(rep(q, r.second()), labels, vectors);
            }
            String named = a.d1() < TinyFaceRules.THRESHOLD ? a.label() : "Unknown";
            if (!Arrays.asList(q.truth().split("\\|")).contains(named)) {
                wrong++;
                wrongAt.add(i);
                by.merge(q.truth(), 1, Integer::sum);
                if (misses != null) {
                    misses.add(String.format(Locale.ROOT, "%s->%s@%.3f", q.truth(), named, a.d1()));
                }
            }
        }
        if (misses == null) {
            byLabel = by;
            wrongVariants = wrongAt;
        }
        return new int[] {wrong, fired};
    }

    static Answer nearest(float[] q, List<String> labels, List<float[]> vectors) {
        double best = Double.POSITIVE_INFINITY;
        String label = null;
        double[] dist = new double[vectors.size()];
        for (int k = 0; k < vectors.size(); k++) {
            dist[k] = distance(q, vectors.get(k));
            if (dist[k] < best) {
                best = dist[k];
                label = labels.get(k);
            }
        }
        double other = Double.POSITIVE_INFINITY;
        for (int k = 0; k < vectors.size(); k++) {
            if (!labels.get(k).equals(label)) {
                other = Math.min(other, dist[k]);
            }
        }
        return new Answer(label, best, other);
    }

    private static int index(String crop) {
        return Arrays.asList(NAMES).indexOf(crop);
    }

    /** A face's descriptor for one crop; M: the mean of L and B, scaled to their mean length. */
    static float[] rep(TinyFaceRules.Tiny t, int crop) {
        if (crop != M) {
            return t.d()[crop];
        }
        return mean(t.d()[L], t.d()[B]);
    }

    static float[] mean(float[] a, float[] b) {
        float[] m = new float[a.length];
        for (int k = 0; k < a.length; k++) {
            m[k] = (a[k] + b[k]) / 2;
        }
        double scale = (norm(a) + norm(b)) / 2 / norm(m);
        for (int k = 0; k < m.length; k++) {
            m[k] = (float) (m[k] * scale);
        }
        return m;
    }

    private static double norm(float[] v) {
        double s = 0;
        for (float x : v) {
            s += x * x;
        }
        return Math.sqrt(s);
    }

    private static double distance(float[] a, float[] b) {
        double s = 0;
        for (int k = 0; k < a.length; k++) {
            double d = a[k] - b[k];
            s += d * d;
        }
        return Math.sqrt(s);
    }
}
