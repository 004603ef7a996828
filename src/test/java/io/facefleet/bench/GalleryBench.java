package io.facefleet.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.facefleet.gallery.BenchAccess;
import io.facefleet.gallery.Catalog;
import io.facefleet.gallery.Collection;
import io.facefleet.gallery.GallerySettings;
import io.facefleet.gallery.GraphSearch;
import io.facefleet.gallery.Hit;
import io.facefleet.gallery.NewFace;
import io.facefleet.gallery.VectorDistances;
import io.facefleet.testing.SyntheticFaces;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The gallery benchmark (tools/bench/gallery-bench.sh), one phase per JVM so each measures a
 * fresh process:
 * {@code build DIR FACES} enrols synthetic faces (5 per subject, one entry each, 8 threads, no
 * model) and prints the throughput; {@code measure DIR FACES QUERIES ROUNDS} opens the
 * collection, times searches exact and through HNSW, and prints recall@1, open time, memory and
 * disk; {@code report JSONL COMMAND OUT} writes the table into docs/benchmarks.md; {@code real FILE}
 * and {@code pool FILE} compute the real faces' descriptors (the check, and the like-real draw's pool).
 */
public final class GalleryBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PER_SUBJECT = 5;
    private static final long SEED = 16;
    /** bench.warmUp: graph searches on other queries before the timed ones (JIT and page cache warm, as in a running service) */
    private static final int WARM_UP_QUERIES = Integer.getInteger("bench.warmUp", 200);
    /** the real faces' descriptors ({@code real} phase), read by build and measure when present */
    private static final Path REAL = Path.of(System.getProperty("bench.real", "target/gallery-bench-real.jsonl"));
    /** bench.draw: how synthetic subjects are drawn, isotropic (every direction alike) or real (like the pool's real faces) */
    private static final String DRAW = System.getProperty("bench.draw", "isotropic");
    /** the real faces the like-real draw takes its covariance from ({@code pool} phase) */
    private static final Path POOL = Path.of(System.getProperty("bench.pool", "target/gallery-bench-pool.jsonl"));
    /** bench.poolShrink: the share of the like-real draw's spread made isotropic (the pool is small; more is harder for the graph) */
    static final double POOL_SHRINK = Double.parseDouble(System.getProperty("bench.poolShrink", "0.1"));

    private GalleryBench() {
    }

    public static void main(String[] args) throws Exception {
        // bench.vectorDistance: simd (the shipped setting) or lucene (Lucene's own scorer), facefleet.gallery.vector-distance
        VectorDistances.use(System.getProperty("bench.vectorDistance", VectorDistances.SIMD));
        // bench.searcher: batched (the shipped setting), batched-first-line or lucene, facefleet.gallery.hnsw.searcher
        GraphSearch.use(System.getProperty("bench.searcher", "batched"));
        switch (args[0]) {
            case "real" -> RealFaces.compute(Path.of(args[1]));
            case "pool" -> RealFacePool.compute(Path.of(args[1]));
            case "build" -> build(Path.of(args[1]), Integer.parseInt(args[2]));
            case "measure" -> measure(Path.of(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]),
                    args.length > 5 ? Integer.parseInt(args[5]) : GallerySettings.defaults().efSearch());
            case "report" -> report(Path.of(args[1]), args[2], Path.of(args[3]));
            default -> throw new IllegalArgumentException("build, measure or report");
        }
    }

    /**
     * The shipped settings, with the index levers under test from system properties (bench.*):
     * maxConn, beamWidth, ramBufferMb, segmentsPerTier, quantizeBits, applyThreads, mergeWorkers (and vectorDistance, in main).
     */
    static GallerySettings settings(int efSearch) {
        GallerySettings d = GallerySettings.defaults();
        GallerySettings.IndexTuning t = d.index();
        return d.withHnsw(Integer.getInteger("bench.maxConn", d.maxConn()), Integer.getInteger("bench.beamWidth", d.beamWidth()), efSearch)
                .withIndex(new GallerySettings.IndexTuning(Integer.getInteger("bench.ramBufferMb", t.ramBufferMb()),
                        Integer.getInteger("bench.segmentsPerTier", t.segmentsPerTier()), 0, Integer.getInteger("bench.idleSegments", t.idleSegments()),
                        Integer.getInteger("bench.quantizeBits", t.quantizeBits()),
                        Integer.getInteger("bench.applyThreads", t.applyThreads()), Integer.getInteger("bench.mergeWorkers", t.mergeWorkers()),
                        Boolean.parseBoolean(System.getProperty("bench.preload", String.valueOf(t.preloadVectors())))));
    }

    /** The synthetic faces of this run's draw (bench.draw). */
    static SyntheticFaces synthetic() throws java.io.IOException {
        return switch (DRAW) {
            case "isotropic" -> new SyntheticFaces(SEED);
            case "real" -> SyntheticFaces.likeReal(SEED, RealFacePool.load(POOL), POOL_SHRINK);
            default -> throw new IllegalArgumentException("bench.draw is isotropic or real, not " + DRAW);
        };
    }

    /** What the run varies, for the report. */
    static String levers() {
        GallerySettings s = settings(0);
        return "maxConn " + s.maxConn() + ", beamWidth " + s.beamWidth() + ", RAM buffer " + s.index().ramBufferMb() + " MB, "
                + s.index().segmentsPerTier() + " segments/tier, " + (s.index().quantizeBits() == 0 ? "float32" : "int" + s.index().quantizeBits())
                + ", " + s.index().applyThreads() + " apply threads, " + s.index().mergeWorkers() + " merge workers"
                + (Boolean.getBoolean("bench.merge") ? ", merged to " + s.index().idleSegments() + " after enrolment" : "")
                + (s.index().preloadVectors() ? ", vectors preloaded" : ", vectors mapped on first touch")
                + ", " + VectorDistances.describe() + ", " + GraphSearch.describe()
                + ", subjects drawn " + ("real".equals(DRAW) ? "like the real face pool (shrink " + POOL_SHRINK + ")" : "isotropic");
    }

    private static void build(Path dir, int faces) throws Exception {
        SyntheticFaces synth = synthetic();
        int subjects = faces / PER_SUBJECT;
        List<RealFaces.Face> real = RealFaces.load(REAL).stream().filter(RealFaces.Face::enrolled).toList();
        long t0 = System.nanoTime();
        double mergeSeconds = 0;
        try (Catalog c = Catalog.open(dir, settings(GallerySettings.defaults().efSearch()))) {
            Collection col = c.collection(Catalog.DEFAULT);
            // the real faces go in among the synthetic ones, spread over the enrolment
            int realEvery = real.isEmpty() ? Integer.MAX_VALUE : Math.max(1, subjects / real.size());
            ExecutorService pool = Executors.newFixedThreadPool(8);
            AtomicInteger next = new AtomicInteger();
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                workers.add(pool.submit(() -> {
                    for (int s = next.getAndIncrement(); s < subjects; s = next.getAndIncrement()) {
                        List<NewFace> batch = new ArrayList<>();
                        float[] centre = synth.centre(s);
                        for (int p = 0; p < PER_SUBJECT; p++) {
                            batch.add(new NewFace(synth.face(centre, s, p), "s" + s + "-" + p, null));
                        }
                        col.enroll("s" + s, batch);
                        if (s % realEvery == 0 && s / realEvery < real.size()) {
                            RealFaces.Face f = real.get(s / realEvery);
                            col.enroll(f.subject(), List.of(new NewFace(f.descriptor(), f.source(), null)));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : workers) {
                f.get();
            }
            pool.shutdown();
            if (Boolean.getBoolean("bench.merge")) {
                // what the idle merge does once enrolment stops (the service runs it after merge-when-idle-ms)
                long m0 = System.nanoTime();
                BenchAccess.mergeDown(col);
                mergeSeconds = (System.nanoTime() - m0) / 1e9;
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9 - mergeSeconds;
        // the whole process's CPU time (enrolment and any merge): how many cores the build kept busy
        double cpuSeconds = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
        ObjectNode out = JSON.createObjectNode().put("phase", "build").put("faces", faces).put("seconds", seconds)
                .put("processCpuSeconds", cpuSeconds)
                .put("facesPerSecond", faces / seconds).put("mergeSeconds", mergeSeconds).put("realFaces", real.size()).put("levers", levers())
                .put("load", Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        System.out.println(out);
    }

    /**
     * Query {@code q} of round {@code r}: 80% new photos of enrolled subjects, 20% strangers,
     * different in every round (a round that repeated the last one's would find their graph
     * paths in the caches: a cache hit, not a search).
     */
    private static float[] query(SyntheticFaces synth, int subjects, int queries, int r, int q) {
        int n = r * queries + q;
        return stranger(q) ? synth.face(subjects + 1_000_000 + n, 1)
                : synth.face((int) ((n * 7919L) % subjects), 1000 + n);
    }

    private static boolean stranger(int q) {
        return q % 5 == 4;
    }

    private static void measure(Path dir, int faces, int queries, int rounds, int efSearch) throws Exception {
        SyntheticFaces synth = synthetic();
        int subjects = faces / PER_SUBJECT;
        float[][][] qs = new float[rounds][queries][];
        for (int r = 0; r < rounds; r++) {
            for (int q = 0; q < queries; q++) {
                qs[r][q] = query(synth, subjects, queries, r, q);
            }
        }
        List<RealFaces.Face> realQueries = RealFaces.load(REAL).stream().filter(f -> !f.enrolled()).toList();
        long t0 = System.nanoTime();
        try (Catalog c = Catalog.open(dir, settings(efSearch))) {
            Collection col = c.collection(Catalog.DEFAULT);
            col.searchHnsw(qs[0][0], 1);
            double openMs = (System.nanoTime() - t0) / 1e6;
            double[] hnswP50 = new double[rounds];
            double[] hnswP99 = new double[rounds];
            double[] all = new double[rounds * queries];
            double[] ofStrangers = new double[rounds * (queries / 5)];
            double[] ofEnrolled = new double[rounds * (queries - queries / 5)];
            int strangers = 0;
            int enrolled = 0;
            // warm-up on other queries (the JIT, the graph's pages), not counted: the figures are a warm service's
            for (int w = 0; w < WARM_UP_QUERIES; w++) {
                col.searchHnsw(synth.face((int) ((w * 104_729L) % subjects), 5000 + w), 1);
            }
            List<List<Hit>> firstRound = new ArrayList<>(queries);
            for (int r = 0; r < rounds; r++) {
                double[] h = new double[queries];
                for (int q = 0; q < queries; q++) {
                    long b = System.nanoTime();
                    List<Hit> hits = col.searchHnsw(qs[r][q], 1);
                    h[q] = (System.nanoTime() - b) / 1e6;
                    if (r == 0) {
                        firstRound.add(hits);
                    }
                    all[r * queries + q] = h[q];
                    if (stranger(q)) {
                        ofStrangers[strangers++] = h[q];
                    } else {
                        ofEnrolled[enrolled++] = h[q];
                    }
                }
                hnswP50[r] = pct(h, 50);
                hnswP99[r] = pct(h, 99);
            }
            // the exact scans last, on the first round's queries only: a scan reads every vector and
            // would leave the next graph search a cold cache, which a service serving only graph searches does not have
            double[] e = new double[queries];
            int found = 0;
            int foundEnrolled = 0;
            int agree = 0;
            for (int q = 0; q < queries; q++) {
                long a = System.nanoTime();
                List<Hit> ex = col.searchExact(qs[0][q], 1);
                e[q] = (System.nanoTime() - a) / 1e6;
                List<Hit> hn = firstRound.get(q);
                if (ex.get(0).faceId().equals(hn.get(0).faceId()) || Math.abs(ex.get(0).distance() - hn.get(0).distance()) < 1e-6) {
                    found++;
                    foundEnrolled += stranger(q) ? 0 : 1;
                }
                // the service's answer: the nearest subject under face-api's 0.6 rule, or unknown
                String exName = ex.get(0).distance() < 0.6f ? ex.get(0).subject() : null;
                String hnName = hn.get(0).distance() < 0.6f ? hn.get(0).subject() : null;
                agree += java.util.Objects.equals(exName, hnName) ? 1 : 0;
            }
            // how many nodes the slowest searches visit against the rest (first round)
            long[] visits = new long[queries];
            for (int q = 0; q < queries; q++) {
                visits[q] = BenchAccess.visits(col, qs[0][q], efSearch);
            }
            Integer[] bySlowness = new Integer[queries];
            for (int q = 0; q < queries; q++) {
                bySlowness[q] = q;
            }
            double[] firstTimes = Arrays.copyOf(all, queries);
            Arrays.sort(bySlowness, (a, b) -> Double.compare(firstTimes[b], firstTimes[a]));
            double slowVisits = 0;
            int slow = Math.max(1, queries / 100);
            for (int i = 0; i < slow; i++) {
                slowVisits += visits[bySlowness[i]] / (double) slow;
            }
            double[] visitsD = Arrays.stream(visits).asDoubleStream().toArray();
            int realSame = 0;
            for (RealFaces.Face f : realQueries) {
                // the nearest subject, whatever its distance: the graph must name the same one as the exact scan
                realSame += col.searchExact(f.descriptor(), 1).get(0).subject().equals(col.searchHnsw(f.descriptor(), 1).get(0).subject()) ? 1 : 0;
            }
            ObjectNode out = JSON.createObjectNode().put("phase", "measure").put("faces", faces).put("queries", queries).put("rounds", rounds).put("efSearch", efSearch)
                    .put("openMs", openMs).put("exactP50", pct(e, 50)).put("exactP99", pct(e, 99))
                    .put("hnswP50", median(hnswP50)).put("hnswP99", median(hnswP99)).put("hnswP99Pooled", pct(all, 99))
                    .put("hnswP99Rounds", Arrays.toString(hnswP99)).put("warmUp", WARM_UP_QUERIES)
                    .put("hnswP99Enrolled", pct(ofEnrolled, 99)).put("hnswP99Strangers", pct(ofStrangers, 99))
                    .put("visitsP50", pct(visitsD, 50)).put("visitsP99", pct(visitsD, 99)).put("visitsOfSlowest1pc", slowVisits)
                    .put("recallAt1", found / (double) queries)
                    .put("recallAt1Enrolled", foundEnrolled / (double) (queries - queries / 5)).put("agreement06", agree / (double) queries)
                    .put("rssMb", status("VmRSS") / 1024.0).put("hwmMb", status("VmHWM") / 1024.0)
                    .put("heapUsedMb", (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) / 1048576.0)
                    .put("diskMb", bytes(dir.resolve("gallery")) / 1048576.0).put("segments", BenchAccess.segments(col))
                    .put("realQueries", realQueries.size()).put("realSameSubject", realSame).put("levers", levers())
                    .put("load", Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
            System.out.println(out);
        }
    }

    private static double pct(double[] v, int p) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[Math.min(s.length - 1, (int) Math.ceil(p / 100.0 * s.length) - 1)];
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    /** A field of /proc/self/status in kB. */
    private static long status(String field) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    private static long bytes(Path dir) throws Exception {
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private static void report(Path jsonl, String command, Path out) throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        // this run's lines, then those of an earlier, separate run (GALLERY_BENCH_MORE: the 1M run in the background)
        List<Path> files = new ArrayList<>(List.of(jsonl));
        String more = System.getenv("GALLERY_BENCH_MORE");
        if (more != null && !more.isBlank() && Files.exists(Path.of(more))) {
            files.add(Path.of(more));
        }
        for (Path f : files) {
            for (String l : Files.readAllLines(f)) {
                if (l.startsWith("{")) {
                    lines.add(JSON.readTree(l));
                }
            }
        }
        lines.sort(java.util.Comparator.comparingInt((JsonNode l) -> l.get("faces").asInt()).thenComparingInt(l -> l.path("efSearch").asInt()));
        StringBuilder md = new StringBuilder();
        md.append("<!-- gallery-bench:start -->\n## Gallery: exact scan and Lucene HNSW (issue 16)\n\n");
        md.append("Machine: ").append(System.getenv().getOrDefault("BENCH_MACHINE", "?")).append(". Measured while other agents loaded the machine"
                + " (load average ").append(System.getenv().getOrDefault("BENCH_LOAD", "?")).append("), so figures are slower and noisier than on an idle host.\n");
        md.append("Command: `").append(command).append("`. Java ").append(System.getProperty("java.version"))
                .append(", Lucene 9.12.3 (scalar vector code on Java 17), HNSW maxConn 16, beamWidth 100, efSearch per row.\n");
        md.append("Data: synthetic unit descriptors drawn like face-api's (shared component + subject centre + photo noise: same subject ~0.33 apart,"
                + " different ~0.9), 5 faces per subject, queries 80% new photos of enrolled subjects and 20% strangers."
                + " Enrolment: 8 threads, one entry of 5 faces per subject, journal fsync per group, no model."
                + " Search: one thread pinned to one core (taskset -c 1), k=1, after " + WARM_UP_QUERIES + " graph searches on other queries (not counted; bench.warmUp), new queries in every round, all graph searches timed before the exact scans (a scan leaves the caches cold), medians of the rounds' p50/p99; exact scans and recall on the first round's queries."
                + " Open: catalogue + collection + first query, page cache warm. Memory: the measuring process's VmRSS (Lucene maps the vectors; mapped pages count)."
                + " Disk: the gallery directory (index + journal).\n\n");
        md.append("| faces | efSearch | enrolment faces/s | exact p50 ms | exact p99 ms | HNSW p50 ms | HNSW p99 ms | HNSW recall@1 vs exact (all / enrolled-subject queries)"
                + " | same answer at 0.6 | open ms | RSS MB (peak) | disk MB | segments | real faces: same nearest subject | merge after enrolment s | levers |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        String old = Files.exists(out) ? Files.readString(out) : "";
        int from = old.indexOf("<!-- gallery-bench:start -->");
        int to = old.indexOf("<!-- gallery-bench:end -->");
        // earlier runs' rows of this table marked "before" stay, for comparison
        if (from >= 0 && to > from) {
            old.substring(from, to).lines().filter(l -> l.matches("\\| before [0-9].*")).forEach(l -> md.append(l).append('\n'));
        }
        for (JsonNode m : lines) {
            if (!m.get("phase").asText().equals("measure")) {
                continue;
            }
            int n = m.get("faces").asInt();
            // the build of the same size and levers (runs of several levers may be reported together)
            java.util.function.Predicate<JsonNode> sameBuild = b -> b.get("phase").asText().equals("build") && b.get("faces").asInt() == n
                    && b.path("levers").asText("").equals(m.path("levers").asText(""));
            double rate = lines.stream().filter(sameBuild)
                    .mapToDouble(b -> b.get("facesPerSecond").asDouble()).findFirst().orElse(Double.NaN);
            double merge = lines.stream().filter(sameBuild)
                    .mapToDouble(b -> b.path("mergeSeconds").asDouble(0)).findFirst().orElse(0);
            md.append(String.format(java.util.Locale.ROOT, "| %,d | %d | %.0f | %.2f | %.2f | %.2f | %.2f | %.4f / %.4f | %.4f | %.0f | %.0f (%.0f) | %.1f | %d | %d / %d | %.0f | %s |%n",
                    n, m.get("efSearch").asInt(), rate,
                    m.get("exactP50").asDouble(), m.get("exactP99").asDouble(), m.get("hnswP50").asDouble(), m.get("hnswP99").asDouble(),
                    m.get("recallAt1").asDouble(), m.path("recallAt1Enrolled").asDouble(Double.NaN), m.path("agreement06").asDouble(Double.NaN),
                    m.get("openMs").asDouble(), m.get("rssMb").asDouble(), m.get("hwmMb").asDouble(),
                    m.get("diskMb").asDouble(), m.get("segments").asInt(), m.path("realSameSubject").asInt(), m.path("realQueries").asInt(),
                    merge, m.path("levers").asText("?") + (m.has("load") ? "; " + System.getenv().getOrDefault("BENCH_MACHINE", "?")
                            + ", measured under load (load average " + m.get("load").asText() + ")" : "")));
        }
        md.append("\nBefore (issue 16's figures on the landed main, whole gallery.json rewritten per enrolment, match a scan in doubles):"
                + " one enrolment 7.7 / 21.7 / 50.8 ms at 1k / 2k / 5k examples, enrolling 10,000 did not finish in 5 minutes;"
                + " one match 0.12 / 0.18 / 0.58 ms. \"exact\" above is the scan kept for small collections and as the recall reference"
                + " (over Lucene's stored vectors of the same point-in-time view). \"same answer at 0.6\": the nearest subject under face-api's"
                + " rule (or unknown) is the same from HNSW as from the exact scan. Misses of recall@1 are mostly strangers' queries, whose nearest"
                + " faces all lie ~0.9 away.\n");
        md.append("<!-- gallery-bench:end -->");
        String doc = Files.exists(out) ? Files.readString(out) : "# Benchmarks\n";
        int a = doc.indexOf("<!-- gallery-bench:start -->");
        int b = doc.indexOf("<!-- gallery-bench:end -->");
        String section = md.toString();
        doc = a >= 0 && b > a ? doc.substring(0, a) + section + doc.substring(b + "<!-- gallery-bench:end -->".length())
                : doc.stripTrailing() + "\n\n" + section + "\n";
        Files.writeString(out, doc);
        System.out.println(section);
    }
}
