package io.facefleet.gallery;

import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
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
 * Readers never wait for it.
 */
final class GroupCommitter implements Closeable {

    /** What a request changes (possibly nothing) and what its caller gets back. */
    record Planned<R>(List<Change> changes, R result) {
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
    private long lastSeq;
    private long changesSinceCommit;
    /** what requests are planned against; renewed (one index refresh) at each commit, which flushes a segment anyway */
    private State state;

    GroupCommitter(String name, FaceIndex index, ChangeLog log, long lastSeq, GallerySettings s) {
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
                Request<?> first = queue.poll(50, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                List<Request<?>> group = new ArrayList<>();
                group.add(first);
                queue.drainTo(group, batchMax - 1);
                commitGroup(group);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void commitGroup(List<Request<?>> group) {
        if (broken != null) {
            group.forEach(r -> r.done().completeExceptionally(broken));
            return;
        }
        List<LogEntry> entries = new ArrayList<>();
        List<Object> results = new ArrayList<>();
        try {
            if (state == null) {
                renewState();
            }
            for (Request<?> r : group) {
                try {
                    state.next(lastSeq + 1 + entries.size());
                    Planned<?> p = r.plan().apply(state);
                    if (!p.changes().isEmpty()) {
                        entries.add(new LogEntry(lastSeq + 1 + entries.size(), p.changes()));
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
            return;
        }
        try {
            if (!entries.isEmpty()) {
                log.append(entries);
            }
        } catch (IOException | RuntimeException e) {
            // the planned changes are not in the index: plan the next requests on a fresh view
            dropState();
            GalleryException failed = new GalleryException("the gallery journal of " + name + " cannot be written: " + e, e);
            group.forEach(r -> r.done().completeExceptionally(failed));
            return;
        }
        try {
            for (LogEntry e : entries) {
                index.apply(e);
                changesSinceCommit += e.changes().size();
            }
            lastSeq += entries.size();
            if (changesSinceCommit >= commitEvery || commitRequested && changesSinceCommit > 0) {
                commit();
            }
            commitRequested = false;
        } catch (IOException | RuntimeException e) {
            // the entries are in the journal: a reopen applies them
            broken = new GalleryException("the gallery index of " + name + " failed after its journal was written (" + e
                    + "); restart to rebuild it from the journal", e);
            group.forEach(r -> r.done().completeExceptionally(broken));
            return;
        }
        for (int i = 0; i < group.size(); i++) {
            complete(group.get(i), results.get(i));
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
