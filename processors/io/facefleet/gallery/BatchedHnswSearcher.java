package io.facefleet.gallery;

import static org.apache.lucene.search.DocIdSetIterator.NO_MORE_DOCS;

import java.io.IOException;
import java.util.Arrays;
import java.util.concurrent.atomic.LongAdder;
import org.apache.lucene.search.KnnCollector;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.SparseFixedBitSet;
import org.apache.lucene.util.hnsw.HnswGraph;
import org.apache.lucene.util.hnsw.NeighborQueue;
import org.apache.lucene.util.hnsw.RandomVectorScorer;

/**
 * HNSW search that takes a node's neighbours as a batch: it gathers the ones not yet visited,
 * touches their vectors' cache lines (VectorLines) so their memory misses overlap, then scores
 * them. Search on the graph is memory-latency bound (each visited neighbour's vector is a random
 * read from the mapped file); Lucene's HnswGraphSearcher reads and scores one neighbour at a time,
 * so one miss is in flight.
 *
 * <p>The walk is the standard one: from the entry node, a greedy descent through the upper levels
 * (move to the best-scoring neighbour until none scores higher), then a beam search at level 0
 * with the collector's k as the candidate queue. It keeps the contract Lucene's searcher keeps, in
 * the same order, so the two give the same hits, scores and visited counts: every scored node
 * counts as visited (the entry node twice: once for the descent, once at level 0), a node is
 * scored at most once per phase, scoring stops once the collector says it terminated early (its
 * visit limit), only accepted ordinals are collected but every node above the collector's minimum
 * competitive similarity is explored, and the beam stops when the best candidate falls below it.
 */
final class BatchedHnswSearcher {

    /** graph searches run here (tests see that this path ran) */
    private static final LongAdder SEARCHES = new LongAdder();

    private final RandomVectorScorer scorer;
    private final HnswGraph graph;
    private final VectorLines lines;
    private final SparseFixedBitSet visited;
    private final NeighborQueue candidates;
    /** the current node's neighbours not yet visited, in graph order */
    private int[] batch = new int[64];

    private BatchedHnswSearcher(RandomVectorScorer scorer, HnswGraph graph, VectorLines lines, int k) {
        this.scorer = scorer;
        this.graph = graph;
        this.lines = lines;
        this.visited = new SparseFixedBitSet(graph.maxNodeId() + 1);
        this.candidates = new NeighborQueue(k, true);
    }

    /**
     * Collects the graph's nearest nodes to the scorer's query into {@code collector} (graph
     * ordinals); {@code acceptOrds} null accepts all; {@code lines} null touches nothing.
     */
    static void search(RandomVectorScorer scorer, KnnCollector collector, HnswGraph graph, Bits acceptOrds, VectorLines lines)
            throws IOException {
        SEARCHES.increment();
        BatchedHnswSearcher s = new BatchedHnswSearcher(scorer, graph, lines, collector.k());
        int entry = s.descend(collector);
        if (entry != -1) {
            s.beam(entry, collector, acceptOrds);
        }
    }

    static long searches() {
        return SEARCHES.sum();
    }

    /** Greedy descent through the upper levels: the level-0 entry node, or -1 (no graph, or the visit limit reached). */
    private int descend(KnnCollector collector) throws IOException {
        int best = graph.entryNode();
        if (best == -1 || graph.numLevels() == 1) {
            return best;
        }
        visited.clear();
        float bestScore = scorer.score(best);
        collector.incVisitedCount(1);
        for (int level = graph.numLevels() - 1; level >= 1; level--) {
            visited.set(best);
            boolean moved = true;
            while (moved) {
                moved = false;
                int n = unvisitedNeighbours(level, best);
                for (int i = 0; i < n; i++) {
                    if (collector.earlyTerminated()) {
                        return -1;
                    }
                    int node = batch[i];
                    float score = scorer.score(node);
                    collector.incVisitedCount(1);
                    if (score > bestScore) {
                        bestScore = score;
                        best = node;
                        moved = true;
                    }
                }
            }
        }
        return collector.earlyTerminated() ? -1 : best;
    }

    /** Beam search at level 0 from {@code entry}. */
    private void beam(int entry, KnnCollector collector, Bits acceptOrds) throws IOException {
        visited.clear();
        candidates.clear();
        visited.set(entry);
        if (collector.earlyTerminated()) {
            return;
        }
        float entryScore = scorer.score(entry);
        collector.incVisitedCount(1);
        candidates.add(entry, entryScore);
        if (acceptOrds == null || acceptOrds.get(entry)) {
            collector.collect(entry, entryScore);
        }
        float floor = collector.minCompetitiveSimilarity();
        while (candidates.size() > 0 && !collector.earlyTerminated()) {
            if (candidates.topScore() < floor) {
                break;
            }
            int n = unvisitedNeighbours(0, candidates.pop());
            for (int i = 0; i < n; i++) {
                if (collector.earlyTerminated()) {
                    break;
                }
                int node = batch[i];
                float score = scorer.score(node);
                collector.incVisitedCount(1);
                if (score > floor) {
                    candidates.add(node, score);
                    if ((acceptOrds == null || acceptOrds.get(node)) && collector.collect(node, score)) {
                        floor = collector.minCompetitiveSimilarity();
                    }
                }
            }
        }
    }

    /** Puts {@code node}'s neighbours on {@code level} that were not visited into {@link #batch}, marks them visited, touches their vectors. */
    private int unvisitedNeighbours(int level, int node) throws IOException {
        graph.seek(level, node);
        int n = 0;
        for (int friend = graph.nextNeighbor(); friend != NO_MORE_DOCS; friend = graph.nextNeighbor()) {
            if (!visited.getAndSet(friend)) {
                if (n == batch.length) {
                    batch = Arrays.copyOf(batch, n * 2);
                }
                batch[n++] = friend;
            }
        }
        if (lines != null) {
            lines.touch(batch, n);
        }
        return n;
    }
}
