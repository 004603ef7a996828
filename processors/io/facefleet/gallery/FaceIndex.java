package io.facefleet.gallery;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.TieredMergePolicy;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;
import org.apache.lucene.store.MMapDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Lucene side of a collection: one IndexWriter (all writes come from the collection's
 * committer thread, which may hand a run of enrolments to apply-threads threads, each building
 * its own segment's graph), near-real-time point-in-time views for readers, and commits that
 * carry the journal position they include ({@code logSeq}), so a reopen replays only the journal
 * after it. A view shows a prefix of the journal: a refresh waits for the entries being applied
 * at that moment (at most one per apply thread) and no entry starts while it runs.
 * Each segment's graph is searched on its own, so an idle collection is merged down to a few
 * segments in the background ({@link GallerySettings.IndexTuning#mergeWhenIdleMs()}).
 */
final class FaceIndex implements Closeable {

    static final String LOG_SEQ = "logSeq";

    private final Directory dir;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final long committedSeq;
    /** entries applied, and how many of them the current views hold */
    private final AtomicLong applied = new AtomicLong();
    private final AtomicLong refreshed = new AtomicLong();
    /** serialises commits (the writer's, the idle merger's) against a snapshot reading the last one's files */
    private final Object writeLock = new Object();
    /**
     * Each entry's apply holds it shared, a refresh (and the idle merger's commit) exclusively: then no
     * entry is half-way, and since the apply threads take entries in journal order, the applied ones are
     * a prefix. Fair, so a waiting refresh goes before entries not yet started.
     */
    private final ReentrantReadWriteLock gate = new ReentrantReadWriteLock(true);
    /** set when an entry of a parallel run failed: later ones may be in, so views stay where they are */
    private volatile boolean viewsFrozen;
    /** tests: runs as an entry's apply starts (to hold a thread up there, as a busy machine may) */
    volatile java.util.function.Consumer<LogEntry> beforeApply = e -> {
    };
    /** apply-threads - 1 helpers of the committer thread (null: it applies alone) */
    private final ExecutorService applyHelpers;
    private final int applyThreads;
    /** builds merged graphs with merge-workers threads (null: Lucene's single-threaded merge) */
    private final ExecutorService mergeThreads;
    private long appliedAtCommit;
    private long lastSeq;
    private volatile long lastChangeNanos = System.nanoTime();
    private volatile long mergedAtNanos = Long.MIN_VALUE;
    private final int idleSegments;
    private final ScheduledExecutorService idleMerger;
    private final Path path;

    FaceIndex(Path path, GallerySettings s) throws IOException {
        this.path = path;
        dir = FSDirectory.open(path);
        GallerySettings.IndexTuning t = s.index();
        if (t.preloadVectors() && dir instanceof MMapDirectory mapped) {
            // the float vectors (.vec, .veq quantized) and the graph (.vex), or a small segment's
            // compound file that holds them: a search reads a few thousand vectors at random, and the
            // first touch of each page would cost it a page fault
            mapped.setPreload((file, context) -> file.endsWith(".vec") || file.endsWith(".veq") || file.endsWith(".vex") || file.endsWith(".cfs"));
        }
        committedSeq = DirectoryReader.indexExists(dir) ? logSeq(SegmentInfos.readLatestCommit(dir).getUserData()) : 0;
        IndexWriterConfig cfg = new IndexWriterConfig();
        String name = path.getParent().getFileName().toString();
        applyThreads = t.applyThreads();
        applyHelpers = t.applyThreads() > 1 ? Executors.newFixedThreadPool(t.applyThreads() - 1, daemon("gallery-apply-" + name)) : null;
        mergeThreads = t.mergeWorkers() > 1 ? Executors.newFixedThreadPool(t.mergeWorkers(), daemon("gallery-graph-merge-" + name)) : null;
        cfg.setCodec(HnswCodec.of(s.maxConn(), s.beamWidth(), t.quantizeBits(), t.mergeWorkers(), mergeThreads));
        cfg.setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
        cfg.setRAMBufferSizeMB(t.ramBufferMb());
        // deleted faces are still walked in the graph until a merge drops them
        TieredMergePolicy merges = new TieredMergePolicy();
        merges.setDeletesPctAllowed(20);
        merges.setSegmentsPerTier(t.segmentsPerTier());
        cfg.setMergePolicy(merges);
        // only our commits (with logSeq) count; what is not committed is in the journal
        cfg.setCommitOnClose(false);
        try {
            writer = new IndexWriter(dir, cfg);
        } catch (LockObtainFailedException e) {
            dir.close();
            stopThreads();
            throw new GalleryException("the gallery in " + path.getParent() + " is open in another process (a running service?):"
                    + " stop it, or enrol and delete through its HTTP API", e);
        }
        searchers = new SearcherManager(writer, true, false, null);
        lastSeq = committedSeq;
        idleSegments = t.idleSegments();
        if (t.mergeWhenIdleMs() > 0) {
            idleMerger = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread th = new Thread(r, "gallery-idle-merge-" + path.getParent().getFileName());
                th.setDaemon(true);
                return th;
            });
            long every = Math.max(50, t.mergeWhenIdleMs() / 4);
            idleMerger.scheduleWithFixedDelay(() -> mergeIfIdle(t.mergeWhenIdleMs()), every, every, TimeUnit.MILLISECONDS);
        } else {
            idleMerger = null;
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(FaceIndex.class);

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread th = new Thread(r, name + "-" + n.incrementAndGet());
            th.setDaemon(true);
            return th;
        };
    }

    private void mergeIfIdle(long idleMs) {
        long changed = lastChangeNanos;
        if (changed - mergedAtNanos < 0 && mergedAtNanos != Long.MIN_VALUE || System.nanoTime() - changed < idleMs * 1_000_000) {
            return;
        }
        if (!java.nio.file.Files.isDirectory(path)) {
            // deleted under a running JVM (a test's temporary directory): there is nothing left to merge, ever
            LOG.warn("idle merge of {} stops: the index directory is gone", path);
            idleMerger.shutdown();
            return;
        }
        try {
            mergeDown();
        } catch (IOException | RuntimeException e) {
            // only search speed depends on it; the next idle period tries again
            LOG.warn("idle merge of {} failed: {}", dir, e.toString());
        }
    }

    /**
     * Merges the index down to {@code idleSegments} segments (waiting for the merge), then
     * commits it if no change came meanwhile, so the next open finds it merged, and refreshes the
     * views. Changes may be applied while it merges; their commit then carries the merge.
     */
    void mergeDown() throws IOException {
        long started = System.nanoTime();
        writer.forceMerge(idleSegments, true);
        synchronized (writeLock) {
            // no entry may go in between the check and the commit (a reopen would not replay it)
            gate.writeLock().lock();
            try {
                if (applied.get() == appliedAtCommit && writer.hasUncommittedChanges()) {
                    // the same documents as the last commit, merged: its journal position still holds
                    writer.setLiveCommitData(Map.of(LOG_SEQ, Long.toString(lastSeq)).entrySet());
                    writer.commit();
                }
            } finally {
                gate.writeLock().unlock();
            }
        }
        // through the gate like every refresh: an entry run may be half-way in
        refresh();
        mergedAtNanos = started;
    }

    private static long logSeq(Map<String, String> userData) {
        String v = userData.get(LOG_SEQ);
        return v == null ? 0 : Long.parseLong(v);
    }

    /** The last journal entry the index's last commit holds. */
    long committedSeq() {
        return committedSeq;
    }

    /**
     * Applies an entry's changes in one atomic Lucene call (a block of added documents, or the
     * deletes of its terms), so a refresh from any thread shows the entry whole or not at all.
     * Only the writer thread (and the replay on open) calls it.
     */
    void apply(LogEntry entry) throws IOException {
        gate.readLock().lock();
        try {
            applyOne(entry);
        } finally {
            gate.readLock().unlock();
        }
    }

    /**
     * Applies entries in journal order, as {@link #apply} one by one would: each run of
     * enrolments is shared out among the apply threads (each takes the next entry; Lucene gives
     * each thread its own in-memory segment, so their graphs are built at once), and a delete
     * waits until the entries before it are in. Returns once all are applied. Writer thread only.
     */
    void applyAll(List<LogEntry> entries) throws IOException {
        int from = 0;
        while (from < entries.size()) {
            int to = from;
            while (to < entries.size() && addsOnly(entries.get(to))) {
                to++;
            }
            if (to == from) {
                // a delete: after every add before it (a subject's delete may name faces just enrolled)
                apply(entries.get(from));
                from++;
            } else {
                applyRun(entries.subList(from, to));
                from = to;
            }
        }
    }

    private static boolean addsOnly(LogEntry e) {
        return e.changes().stream().allMatch(c -> c instanceof Change.AddFace);
    }

    private void applyRun(List<LogEntry> run) throws IOException {
        if (applyHelpers == null || run.size() == 1) {
            for (LogEntry e : run) {
                apply(e);
            }
            return;
        }
        AtomicInteger next = new AtomicInteger();
        AtomicBoolean failed = new AtomicBoolean();
        AtomicInteger firstFailed = new AtomicInteger(Integer.MAX_VALUE);
        // read after the workers are joined (Future.get orders their writes before)
        boolean[] done = new boolean[run.size()];
        java.util.concurrent.Callable<Void> worker = () -> {
            while (!failed.get()) {
                gate.readLock().lock();
                try {
                    // taken under the gate: when a refresh holds it, every entry taken so far is in
                    int i = next.getAndIncrement();
                    if (i >= run.size()) {
                        return null;
                    }
                    try {
                        applyOne(run.get(i));
                        done[i] = true;
                    } catch (IOException | RuntimeException e) {
                        // later entries may be in already: no view may show them without this one
                        viewsFrozen = true;
                        failed.set(true);
                        firstFailed.accumulateAndGet(i, Math::min);
                        throw e;
                    }
                } finally {
                    gate.readLock().unlock();
                }
            }
            return null;
        };
        List<Future<Void>> helpers = new ArrayList<>();
        int threads = Math.min(run.size(), applyThreads);
        for (int h = 1; h < threads; h++) {
            helpers.add(applyHelpers.submit(worker));
        }
        Exception first = null;
        try {
            worker.call();
        } catch (Exception e) {
            first = e;
        }
        for (Future<Void> f : helpers) {
            try {
                f.get();
            } catch (ExecutionException e) {
                first = first == null && e.getCause() instanceof Exception x ? x : first;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                first = first == null ? new IOException("interrupted while applying entries", e) : first;
            }
        }
        if (firstFailed.get() < run.size()) {
            takeBackAfter(run, firstFailed.get(), done, first);
        }
        if (first instanceof IOException io) {
            throw io;
        }
        if (first instanceof RuntimeException r) {
            throw r;
        }
        if (first != null) {
            throw new IOException(first);
        }
    }

    /**
     * After entry {@code failed} of a run failed, deletes the faces of the later entries that went
     * in, so the index holds a prefix of the journal again and views may refresh (the committer
     * refuses writes from now on; a restart applies them all from the journal). Views stay where
     * they are if that fails too.
     */
    private void takeBackAfter(List<LogEntry> run, int failed, boolean[] done, Exception cause) {
        List<Term> ids = new ArrayList<>();
        for (int i = failed + 1; i < run.size(); i++) {
            if (done[i]) {
                for (Change c : run.get(i).changes()) {
                    ids.add(FaceDocs.id(((Change.AddFace) c).id()));
                }
            }
        }
        try {
            if (!ids.isEmpty()) {
                writer.deleteDocuments(ids.toArray(Term[]::new));
            }
            viewsFrozen = false;
        } catch (IOException | RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    private void applyOne(LogEntry entry) throws IOException {
        beforeApply.accept(entry);
        List<Document> adds = new ArrayList<>();
        List<Term> deletes = new ArrayList<>();
        for (Change c : entry.changes()) {
            if (c instanceof Change.AddFace a) {
                adds.add(FaceDocs.of(a));
            } else if (c instanceof Change.DeleteFace d) {
                deletes.add(FaceDocs.id(d.id()));
            } else {
                deletes.add(FaceDocs.subject(((Change.DeleteSubject) c).subject()));
            }
        }
        if (!adds.isEmpty() && !deletes.isEmpty()) {
            throw new IllegalArgumentException("an entry either adds faces or deletes");
        }
        if (!adds.isEmpty()) {
            // ids are new (the planner checks), and replay starts after the commit: no delete needed
            writer.addDocuments(adds);
        } else if (!deletes.isEmpty()) {
            writer.deleteDocuments(deletes.toArray(Term[]::new));
        }
        applied.incrementAndGet();
        lastChangeNanos = System.nanoTime();
    }

    /**
     * New views show every entry applied so far. Waits for the entries being applied (one per
     * apply thread at most); entries not yet started wait for it.
     */
    void refresh() throws IOException {
        gate.writeLock().lock();
        try {
            if (viewsFrozen) {
                return;
            }
            long upTo = applied.get();
            searchers.maybeRefreshBlocking();
            refreshed.accumulateAndGet(upTo, Math::max);
        } finally {
            gate.writeLock().unlock();
        }
    }

    /** Makes the applied entries durable in the index, up to journal entry {@code seq}. */
    void commit(long seq) throws IOException {
        synchronized (writeLock) {
            writer.setLiveCommitData(Map.of(LOG_SEQ, Long.toString(seq)).entrySet());
            writer.commit();
            appliedAtCommit = applied.get();
            lastSeq = seq;
        }
    }

    /** A point-in-time view holding every entry applied before the call; close it when done. */
    FaceView view() throws IOException {
        if (refreshed.get() < applied.get()) {
            refresh();
        }
        return new FaceView(searchers, searchers.acquire());
    }

    /** The files of the last commit (what a snapshot uploads). */
    private List<String> commitFiles() throws IOException {
        return new ArrayList<>(SegmentInfos.readLatestCommit(dir).files(true));
    }

    /**
     * Hands {@code use} the last commit's files while no new commit can come: a commit (an
     * entry's, or the idle merge's) lets Lucene delete the files of the one before, which a
     * snapshot may still be uploading.
     */
    void withLastCommit(CommitFilesUse use) throws IOException {
        synchronized (writeLock) {
            use.accept(commitFiles());
        }
    }

    /** What reads a commit's files while it is held. */
    @FunctionalInterface
    interface CommitFilesUse {
        void accept(List<String> files) throws IOException;
    }

    Directory directory() {
        return dir;
    }

    /** No new idle merge; one under way is aborted by the writer's close (no interrupt: Lucene's files may be mid-write). */
    private void stopMerger() {
        if (idleMerger != null) {
            idleMerger.shutdown();
        }
    }

    private void awaitMerger() {
        if (idleMerger != null) {
            try {
                idleMerger.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        stopThreads();
    }

    /** The apply and graph merge threads, idle once the writer is closed (its merges finished or aborted). */
    private void stopThreads() {
        if (applyHelpers != null) {
            applyHelpers.shutdown();
        }
        if (mergeThreads != null) {
            mergeThreads.shutdown();
        }
    }

    @Override
    public void close() throws IOException {
        stopMerger();
        try {
            searchers.close();
            writer.close();
        } finally {
            awaitMerger();
            dir.close();
        }
    }

    /** Drops what is not committed and closes, as a killed process leaves the index. */
    void closeWithoutCommit() throws IOException {
        stopMerger();
        try {
            searchers.close();
            writer.rollback();
        } finally {
            awaitMerger();
            dir.close();
        }
    }
}
