package io.facefleet.gallery;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Lucene side of a collection: one IndexWriter (all writes come from the collection's
 * committer thread), near-real-time point-in-time views for readers, and commits that carry the
 * journal position they include ({@code logSeq}), so a reopen replays only the journal after it.
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
    /** guards apply against the idle merger's commit, which may only rewrite what the last commit holds */
    private final Object writeLock = new Object();
    private long appliedAtCommit;
    private long lastSeq;
    private volatile long lastChangeNanos = System.nanoTime();
    private volatile long mergedAtNanos = Long.MIN_VALUE;
    private final int idleSegments;
    private final ScheduledExecutorService idleMerger;

    FaceIndex(Path path, GallerySettings s) throws IOException {
        dir = FSDirectory.open(path);
        committedSeq = DirectoryReader.indexExists(dir) ? logSeq(SegmentInfos.readLatestCommit(dir).getUserData()) : 0;
        IndexWriterConfig cfg = new IndexWriterConfig();
        GallerySettings.IndexTuning t = s.index();
        cfg.setCodec(HnswCodec.of(s.maxConn(), s.beamWidth(), t.quantizeBits()));
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

    private void mergeIfIdle(long idleMs) {
        long changed = lastChangeNanos;
        if (changed - mergedAtNanos < 0 && mergedAtNanos != Long.MIN_VALUE || System.nanoTime() - changed < idleMs * 1_000_000) {
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
            if (applied.get() == appliedAtCommit && writer.hasUncommittedChanges()) {
                // the same documents as the last commit, merged: its journal position still holds
                writer.setLiveCommitData(Map.of(LOG_SEQ, Long.toString(lastSeq)).entrySet());
                writer.commit();
            }
        }
        searchers.maybeRefreshBlocking();
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
        synchronized (writeLock) {
            if (!adds.isEmpty()) {
                // ids are new (the planner checks), and replay starts after the commit: no delete needed
                writer.addDocuments(adds);
            } else if (!deletes.isEmpty()) {
                writer.deleteDocuments(deletes.toArray(Term[]::new));
            }
            applied.incrementAndGet();
        }
        lastChangeNanos = System.nanoTime();
    }

    /** New views show every entry applied so far. */
    void refresh() throws IOException {
        long upTo = applied.get();
        searchers.maybeRefreshBlocking();
        refreshed.accumulateAndGet(upTo, Math::max);
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
