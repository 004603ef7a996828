package io.facefleet.gallery;

import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The one writer of a collection. Requests queue up; its thread takes all that are waiting
 * (up to facefleet.gallery.batch-max), plans each against the state the ones before it leave
 * ({@link State}), writes their entries to the journal with one fsync, applies them to the
 * index, then answers the callers: an answer means the change is durable, and any view taken
 * after it shows it ({@link FaceIndex#view()} refreshes when entries were applied since).
 * Readers never wait for it. On a shared log (S3) it also follows the other hosts: every
 * poll-ms it GETs the next entry and applies it; when another host has taken a number first,
 * it applies that host's entry and plans the requests not yet written again at the next number.
 */
final class GroupCommitter implements Closeable {

    /** What a request changes (possibly nothing) and what its caller gets back. */
    record Planned<R>(List<Change> changes, R result) {
    }

    /** How a writer on a shared log follows the other hosts' entries and takes snapshots. */
    record Shared(Snapshots snapshots, java.nio.file.Path indexPath, long pollMs, int snapshotEvery, long retentionCheckMs) {
    }

    private record Request<R>(Function<State, Planned<R>> plan, CompletableFuture<R> done) {
    }

    private final String name;
    private final FaceIndex index;
    private final ChangeLog log;
    private final int batchMax;
    private final int commitEvery;
    private final LinkedBlockingQueue<Request<?>> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean closing;
    private volatile GalleryException broken;
    private volatile boolean commitRequested;
    private volatile long lastSeq;
    private long changesSinceCommit;
    /** null on a local journal; on a shared log: how to follow it and snapshot it */
    private final Shared shared;
    private long lastFollow;
    private long lastRetentionCheck = System.nanoTime();
    /** a read of the log failed since the last check that the log still reaches back to this host's next entry */
    private volatile boolean unsureOfTheLog;
    private volatile int snapshotsTaken;
    private volatile int numbersLost;
    /** what requests are planned against; renewed (one index refresh) at each commit, which flushes a segment anyway */
    private State state;

    GroupCommitter(String name, FaceIndex index, ChangeLog log, long lastSeq, GallerySettings s) {
        this(name, index, log, lastSeq, s, null);
    }

    GroupCommitter(String name, FaceIndex index, ChangeLog log, long lastSeq, GallerySettings s, Shared shared) {
        this.shared = shared;
        this.name = name;
        this.index = index;
        this.log = log;
        this.lastSeq = lastSeq;
        this.batchMax = s.batchMax();
        this.commitEvery = s.commitEvery();
        this.thread = new Thread(this::run, "gallery-writer-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Plans, journals and applies one request; returns once it is durable and visible. */
    <R> R submit(Function<State, Planned<R>> plan) {
        if (broken != null) {
            throw broken;
        }
        if (closing) {
            throw new GalleryException("the collection " + name + " is closed", null);
        }
        CompletableFuture<R> done = new CompletableFuture<>();
        queue.add(new Request<>(plan, done));
        try {
            return done.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GalleryException("interrupted while waiting for the gallery write", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new GalleryException("the gallery write failed: " + e.getCause(), e.getCause());
        }
    }

    private void run() {
        while (!closing || !queue.isEmpty()) {
            try {
                Request<?> first = queue.poll(shared != null ? shared.pollMs() : 50, TimeUnit.MILLISECONDS);
                if (shared != null && (first == null || System.nanoTime() - lastFollow >= shared.pollMs() * 1_000_000L)) {
                    follow();
                }
                if (first == null) {
                    continue;
                }
                List<Request<?>> group = new ArrayList<>();
                group.add(first);
                queue.drainTo(group, batchMax - 1);
                List<Request<?>> pending = group;
                while (!pending.isEmpty()) {
                    pending = commitGroup(pending);
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /**
     * Applies the entries other hosts wrote after ours (shared log only): GETs the next number
     * until nobody has written it. Readers see them at their next view.
     */
    private int follow() {
        lastFollow = System.nanoTime();
        if (broken != null) {
            return 0;
        }
        if (unsureOfTheLog) {
            // reads failed since the last look: the log may have moved past what this host can still read
            if (!checkStillInTheLog(true) || broken != null) {
                return 0;
            }
            unsureOfTheLog = false;
        }
        int got = 0;
        try {
            for (Optional<LogEntry> e = log.read(lastSeq + 1); e.isPresent(); e = log.read(lastSeq + 1)) {
                index.apply(e.get());
                changesSinceCommit += e.get().changes().size();
                lastSeq++;
                got++;
            }
        } catch (IOException | RuntimeException e) {
            // S3 out of reach for now: the next poll tries again, after checking the log still reaches back here
            unsureOfTheLog = true;
            System.err.println("gallery " + name + ": reading log entry " + (lastSeq + 1) + " failed: " + e);
        }
        if (got > 0) {
            // planned on a view without them
            dropState();
        } else if (!unsureOfTheLog) {
            checkStillInTheLog(false);
        }
        return got;
    }

    /**
     * A host cut off from S3 for longer than a snapshot interval finds its next entry deleted
     * (a snapshot covers it) and would read the 404 as "nothing new", then write at a number the
     * others passed long ago, where nobody would read it. So after any failed read of the log,
     * before it writes again, and otherwise every retention-check-ms while idle, it checks that
     * the log still reaches back to its next entry; if not, it refuses writes until a restart
     * reloads it from the snapshot. False when the check could not be made (S3 still away).
     */
    private boolean checkStillInTheLog(boolean now) {
        if (!now && System.nanoTime() - lastRetentionCheck < shared.retentionCheckMs() * 1_000_000L) {
            return true;
        }
        try {
            Optional<Snapshots.Latest> latest = shared.snapshots().latest();
            lastRetentionCheck = System.nanoTime();
            if (latest.isPresent() && latest.get().logFrom() > lastSeq + 1) {
                broken = new GalleryException("the shared collection " + name + " on this host is at log entry " + lastSeq
                        + ", but the log now starts at " + latest.get().logFrom() + " (a snapshot covers the rest): restart this host"
                        + " to reload it from the snapshot; it refuses writes until then", null);
                System.err.println(broken.getMessage());
            }
            return true;
        } catch (IOException | RuntimeException e) {
            System.err.println("gallery " + name + ": the snapshot pointer cannot be read: " + e);
            return false;
        }
    }

    /** Whether a read of the log failed since the last check that it reaches back to this host's next entry. */
    boolean unsureOfTheLog() {
        return unsureOfTheLog;
    }

    /** Whether this collection refuses writes (and why), for tests and operators. */
    String refusal() {
        return broken == null ? null : broken.getMessage();
    }

    /**
     * Plans the group, writes its entries, applies them and answers; returns the requests to
     * plan again (another host took one of the numbers first; empty otherwise).
     */
    private List<Request<?>> commitGroup(List<Request<?>> group) {
        if (broken != null) {
            group.forEach(r -> r.done().completeExceptionally(broken));
            return List.of();
        }
        if (shared != null && unsureOfTheLog) {
            follow();
            if (broken != null || unsureOfTheLog) {
                GalleryException refused = broken != null ? broken
                        : new GalleryException("the shared gallery log of " + name + " cannot be read now; try again", null);
                group.forEach(r -> r.done().completeExceptionally(refused));
                return List.of();
            }
        }
        List<LogEntry> entries = new ArrayList<>();
        List<Integer> owners = new ArrayList<>();
        List<Object> results = new ArrayList<>();
        try {
            if (state == null) {
                renewState();
            }
            for (int i = 0; i < group.size(); i++) {
                Request<?> r = group.get(i);
                try {
                    state.next(lastSeq + 1 + entries.size());
                    Planned<?> p = r.plan().apply(state);
                    if (!p.changes().isEmpty()) {
                        entries.add(new LogEntry(lastSeq + 1 + entries.size(), p.changes()));
                        owners.add(i);
                        state.plan(p.changes());
                    }
                    results.add(p);
                } catch (RuntimeException e) {
                    results.add(e);
                }
            }
        } catch (IOException | RuntimeException e) {
            dropState();
            group.forEach(r -> r.done().completeExceptionally(new GalleryException("the gallery cannot be read: " + e, e)));
            return List.of();
        }
        int written = entries.size();
        ChangeLog.SeqTaken taken = null;
        try {
            if (!entries.isEmpty()) {
                log.append(entries);
            }
        } catch (ChangeLog.SeqTaken e) {
            taken = e;
            written = e.written;
        } catch (IOException | RuntimeException e) {
            // the planned changes are not in the index: plan the next requests on a fresh view
            dropState();
            // a shared log out of reach: check it still reaches back here before the next write
            unsureOfTheLog = shared != null;
            GalleryException failed = new GalleryException("the gallery journal of " + name + " cannot be written: " + e, e);
            group.forEach(r -> r.done().completeExceptionally(failed));
            return List.of();
        }
        // requests before the first entry not written are done; the rest are planned again
        int done = taken == null ? group.size() : owners.get(written);
        long firstSeq = lastSeq + 1;
        try {
            // one entry per apply thread at a time, in journal order (views show a prefix of it)
            index.applyAll(entries.subList(0, written));
            for (LogEntry e : entries.subList(0, written)) {
                changesSinceCommit += e.changes().size();
            }
            lastSeq += written;
            if (changesSinceCommit >= commitEvery || commitRequested && changesSinceCommit > 0) {
                commit();
            }
            commitRequested = false;
        } catch (IOException | RuntimeException e) {
            // the entries are in the journal: a reopen applies them
            broken = new GalleryException("the gallery index of " + name + " failed after its journal was written (" + e
                    + "); restart to rebuild it from the journal", e);
            group.forEach(r -> r.done().completeExceptionally(broken));
            return List.of();
        }
        for (int i = 0; i < done; i++) {
            complete(group.get(i), results.get(i));
        }
        if (written > 0) {
            snapshotIfDue(firstSeq, lastSeq);
        }
        if (taken == null) {
            return List.of();
        }
        // another host wrote that number: take in its entry (and any after), then plan again on them
        numbersLost++;
        dropState();
        if (follow() == 0) {
            try {
                Thread.sleep(Math.min(50, shared == null ? 50 : shared.pollMs()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (closing && Thread.currentThread().isInterrupted()) {
            GalleryException stopped = new GalleryException("the collection " + name + " closed during a write", null);
            group.subList(done, group.size()).forEach(r -> r.done().completeExceptionally(stopped));
            return List.of();
        }
        return new ArrayList<>(group.subList(done, group.size()));
    }

    /** A host that writes an entry numbered a multiple of snapshot-every takes the snapshot (shared log only). */
    private void snapshotIfDue(long from, long to) {
        if (shared == null || to / shared.snapshotEvery() == (from - 1) / shared.snapshotEvery()) {
            return;
        }
        try {
            commit();
            long seq = lastSeq;
            index.withLastCommit(files -> shared.snapshots().take(index.directory(), shared.indexPath(), files, seq));
            snapshotsTaken++;
        } catch (IOException | RuntimeException e) {
            // the log still holds everything: the next snapshot covers this one's entries
            System.err.println("gallery " + name + ": the snapshot at log entry " + lastSeq + " failed: " + e);
        }
    }

    /** A new view holding every applied entry, and an empty overlay on it. */
    private void renewState() throws IOException {
        dropState();
        index.refresh();
        state = new State(index.view(), lastSeq + 1);
    }

    private void dropState() {
        if (state != null) {
            state.close();
            state = null;
        }
    }

    @SuppressWarnings("unchecked")
    private static <R> void complete(Request<R> r, Object outcome) {
        if (outcome instanceof RuntimeException e) {
            r.done().completeExceptionally(e);
        } else {
            r.done().complete(((Planned<R>) outcome).result());
        }
    }

    private void commit() throws IOException {
        index.commit(lastSeq);
        log.committed(lastSeq);
        changesSinceCommit = 0;
        // every refresh writes a segment, and each segment's graph is searched on its own:
        // between commits the writer plans on one view plus its overlay
        dropState();
    }

    /** The last log entry applied here (own and, on a shared log, followed). */
    long appliedSeq() {
        return lastSeq;
    }

    int snapshotsTaken() {
        return snapshotsTaken;
    }

    /** Conditional writes another host won, each followed by a new plan at the next number. */
    int numbersLost() {
        return numbersLost;
    }

    /** Commits what is applied now (so the next open has no journal to replay), on the writer thread. */
    void commitNow() {
        commitRequested = true;
        submit(state -> new Planned<>(List.of(), null));
    }

    /** Lets the writer thread answer what is queued and end, then drops the shared state. */
    private void stopThread() {
        closing = true;
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        dropState();
    }

    /** Stops the thread without a commit (what a killed process leaves: the journal and the last commit). */
    void stopWithoutCommit() {
        stopThread();
        broken = new GalleryException("the collection " + name + " was closed without a commit", null);
    }

    /** Answers what is queued, commits, and stops the thread. */
    @Override
    public void close() throws IOException {
        stopThread();
        if (broken == null && changesSinceCommit > 0) {
            commit();
        }
    }
}
