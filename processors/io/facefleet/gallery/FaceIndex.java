package io.facefleet.gallery;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

/**
 * The Lucene side of a collection: one IndexWriter (all writes come from the collection's
 * committer thread), near-real-time point-in-time views for readers, and commits that carry the
 * journal position they include ({@code logSeq}), so a reopen replays only the journal after it.
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

    FaceIndex(Path path, GallerySettings s) throws IOException {
        dir = FSDirectory.open(path);
        committedSeq = DirectoryReader.indexExists(dir) ? logSeq(SegmentInfos.readLatestCommit(dir).getUserData()) : 0;
        IndexWriterConfig cfg = new IndexWriterConfig();
        cfg.setCodec(HnswCodec.of(s.maxConn(), s.beamWidth()));
        cfg.setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
        cfg.setRAMBufferSizeMB(64);
        // deleted faces are still walked in the graph until a merge drops them
        TieredMergePolicy merges = new TieredMergePolicy();
        merges.setDeletesPctAllowed(20);
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
        if (!adds.isEmpty()) {
            // ids are new (the planner checks), and replay starts after the commit: no delete needed
            writer.addDocuments(adds);
        } else if (!deletes.isEmpty()) {
            writer.deleteDocuments(deletes.toArray(Term[]::new));
        }
        applied.incrementAndGet();
    }

    /** New views show every entry applied so far. */
    void refresh() throws IOException {
        long upTo = applied.get();
        searchers.maybeRefreshBlocking();
        refreshed.accumulateAndGet(upTo, Math::max);
    }

    /** Makes the applied entries durable in the index, up to journal entry {@code seq}. */
    void commit(long seq) throws IOException {
        writer.setLiveCommitData(Map.of(LOG_SEQ, Long.toString(seq)).entrySet());
        writer.commit();
    }

    /** A point-in-time view holding every entry applied before the call; close it when done. */
    FaceView view() throws IOException {
        if (refreshed.get() < applied.get()) {
            refresh();
        }
        return new FaceView(searchers, searchers.acquire());
    }

    /** The files of the last commit (what a snapshot uploads). */
    List<String> commitFiles() throws IOException {
        return new ArrayList<>(SegmentInfos.readLatestCommit(dir).files(true));
    }

    Directory directory() {
        return dir;
    }

    @Override
    public void close() throws IOException {
        try {
            searchers.close();
            writer.close();
        } finally {
            dir.close();
        }
    }

    /** Drops what is not committed and closes, as a killed process leaves the index. */
    void closeWithoutCommit() throws IOException {
        try {
            searchers.close();
            writer.rollback();
        } finally {
            dir.close();
        }
    }
}
