package io.facefleet.gallery;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * One named collection: its subjects and faces, kept in a journal (the truth) and a Lucene HNSW
 * index (rebuilt from the last commit plus the journal after it). Writes go through one
 * {@link GroupCommitter}; reads take a point-in-time {@link FaceView} and never wait for writes.
 */
public final class Collection implements Closeable {

    /** Faces in one entry are numbered seq * ORD_SPAN + i, so the paging order is the enrolment order. */
    private static final long ORD_SPAN = 1 << 20;

    private final String name;
    private final GallerySettings settings;
    private final FaceIndex index;
    private final ChangeLog log;
    private final GroupCommitter writer;
    private long restoredFromSeq;

    private Collection(String name, GallerySettings settings, FaceIndex index, ChangeLog log, GroupCommitter writer) {
        this.name = name;
        this.settings = settings;
        this.index = index;
        this.log = log;
        this.writer = writer;
    }

    /** Opens a collection directory: the last Lucene commit, then the journal entries after it. */
    static Collection open(String name, Path dir, GallerySettings settings) {
        FaceIndex index = null;
        ChangeLog log = null;
        try {
            index = new FaceIndex(dir.resolve("index"), settings);
            log = new LocalJournal(dir.resolve("journal"));
            FaceIndex target = index;
            long last = log.replay(index.committedSeq(), e -> {
                try {
                    target.apply(e);
                } catch (IOException x) {
                    throw new UncheckedIOException(x);
                }
            });
            index.refresh();
            return new Collection(name, settings, index, log, new GroupCommitter(name, index, log, last, settings));
        } catch (IOException | RuntimeException e) {
            closeQuietly(log);
            closeQuietly(index);
            if (e instanceof GalleryException g) {
                throw g;
            }
            throw new GalleryException("the collection " + name + " in " + dir + " cannot be opened: " + e, e);
        }
    }

    /**
     * Opens a collection every host shares through {@code objects} (the aws profile): the newest
     * snapshot downloaded into {@code dir} (a cache this host owns, emptied first), then the log
     * entries after it; its writer then follows the other hosts' entries every poll-ms. When
     * newer snapshots deleted the log entries after the one downloaded while they were read (a
     * slow start), it starts again from the newest.
     */
    static Collection openShared(String name, Path dir, GallerySettings settings, GalleryObjects objects, String prefix,
                                 SharedLogSettings shared) {
        FaceIndex index = null;
        try {
            Snapshots snapshots = new Snapshots(objects, prefix, shared.snapshotsKept());
            for (int attempt = 1;; attempt++) {
                Catalog.deleteTree(dir);
                Path indexPath = java.nio.file.Files.createDirectories(dir.resolve("index"));
                try (org.apache.lucene.store.Directory d = org.apache.lucene.store.FSDirectory.open(indexPath)) {
                    snapshots.restore(d, indexPath);
                }
                index = new FaceIndex(indexPath, settings);
                ChangeLog log = new S3ChangeLog(objects, prefix);
                FaceIndex target = index;
                long restored = index.committedSeq();
                long last = log.replay(restored, e -> {
                    try {
                        target.apply(e);
                    } catch (IOException x) {
                        throw new UncheckedIOException(x);
                    }
                });
                Optional<Snapshots.Latest> latest = snapshots.latest();
                if (latest.isPresent() && latest.get().logFrom() > last + 1 && attempt < 10) {
                    // the entries after `last` were deleted, not unwritten: a newer snapshot holds them
                    System.err.println("gallery " + name + ": the log moved past entry " + last + " while it was read (it starts at "
                            + latest.get().logFrom() + " now): opening from the newest snapshot");
                    index.close();
                    index = null;
                    continue;
                }
                index.refresh();
                Collection c = new Collection(name, settings, index, log, new GroupCommitter(name, index, log, last, settings,
                        new GroupCommitter.Shared(snapshots, indexPath, shared.pollMs(), shared.snapshotEvery(), shared.retentionCheckMs())));
                c.restoredFromSeq = restored;
                return c;
            }
        } catch (IOException | RuntimeException e) {
            closeQuietly(index);
            if (e instanceof GalleryException g) {
                throw g;
            }
            throw new GalleryException("the shared collection " + name + " (" + prefix + ") cannot be opened: " + e, e);
        }
    }

    /** The snapshot this collection was opened from (its log entry; 0: none, the log was read from entry 1). */
    long restoredFromSeq() {
        return restoredFromSeq;
    }

    /** The last log entry this host has applied. */
    long appliedSeq() {
        return writer.appliedSeq();
    }

    int snapshotsTaken() {
        return writer.snapshotsTaken();
    }

    int numbersLost() {
        return writer.numbersLost();
    }

    boolean unsureOfTheLog() {
        return writer.unsureOfTheLog();
    }

    /** Why this collection refuses writes on this host, or null. */
    String refusal() {
        return writer.refusal();
    }

    public String name() {
        return name;
    }

    /**
     * Enrols faces of one subject as one entry (seen whole or not at all). A face whose image
     * sha256 the subject already has is not added again: its existing example is returned.
     */
    public List<Example> enroll(String subject, List<NewFace> faces) {
        Gallery.validateName(subject);
        if (faces.isEmpty() || faces.size() >= ORD_SPAN) {
            throw new IllegalArgumentException("an enrolment holds 1 to " + (ORD_SPAN - 1) + " faces");
        }
        return writer.submit(state -> {
            List<Change> changes = new ArrayList<>();
            List<Example> out = new ArrayList<>();
            long now = System.currentTimeMillis();
            for (NewFace f : faces) {
                Optional<Example> same = f.sha256() == null ? Optional.empty() : state.faceBySha(subject, f.sha256())
                        .or(() -> out.stream().filter(e -> f.sha256().equals(e.sha256())).findFirst());
                if (same.isPresent()) {
                    out.add(same.get());
                    continue;
                }
                Change.AddFace a = new Change.AddFace(UUID.randomUUID().toString(), subject, f.source(), f.sha256(), now,
                        state.seq() * ORD_SPAN + changes.size(), f.descriptor());
                changes.add(a);
                out.add(new Example(a.id(), a.source(), a.sha256(), now, f.descriptor()));
            }
            if (state.faceCount() + changes.size() > settings.maxFaces()) {
                throw GalleryRefusal.conflict("the collection " + name + " is full: it has " + state.faceCount()
                        + " faces and holds at most " + settings.maxFaces() + " (facefleet.gallery.max-faces)");
            }
            return new GroupCommitter.Planned<>(changes, out);
        });
    }

    /** Takes in faces that already have ids (the legacy gallery's), skipping ids it holds; returns how many were added. */
    int importFaces(String subject, List<Example> examples) {
        return writer.submit(state -> {
            List<Change> changes = new ArrayList<>();
            for (Example e : examples) {
                if (!state.hasFace(e.id())) {
                    // the same checks as a new enrolment's (128 finite values, a source of bounded length)
                    NewFace checked = new NewFace(e.descriptor(), e.source(), e.sha256());
                    changes.add(new Change.AddFace(e.id(), subject, checked.source(), e.sha256(), e.enrolledAtMillis(),
                            state.seq() * ORD_SPAN + changes.size(), checked.descriptor()));
                }
            }
            return new GroupCommitter.Planned<>(changes, changes.size());
        });
    }

    /** Deletes one face; false when there is none with this id. */
    public boolean deleteFace(String faceId) {
        return writer.submit(state -> state.hasFace(faceId)
                ? new GroupCommitter.Planned<>(List.of(new Change.DeleteFace(faceId)), true)
                : new GroupCommitter.Planned<>(List.of(), false));
    }

    /** Deletes one face only if it belongs to {@code subject}; false otherwise. */
    boolean deleteFaceOf(String subject, String faceId) {
        return writer.submit(state -> state.subjectOfFace(faceId).filter(subject::equals).isPresent()
                ? new GroupCommitter.Planned<>(List.of(new Change.DeleteFace(faceId)), true)
                : new GroupCommitter.Planned<>(List.of(), false));
    }

    /** Deletes a subject and all its faces; false when it has none. */
    public boolean deleteSubject(String subject) {
        return writer.submit(state -> state.hasSubject(subject)
                ? new GroupCommitter.Planned<>(List.of(new Change.DeleteSubject(subject)), true)
                : new GroupCommitter.Planned<>(List.of(), false));
    }

    /** The k nearest faces of a descriptor with their distances, nearest first. */
    public List<Hit> search(float[] descriptor, int k) {
        try (FaceView v = view()) {
            return v.search(descriptor, k, v.count() < settings.exactBelow(), settings.efSearch(), null);
        }
    }

    /** The k faces most like an enrolled face, itself left out; empty when there is no such face. */
    public Optional<List<Hit>> similar(String faceId, int k) {
        try (FaceView v = view()) {
            return v.vector(faceId).map(q -> v.search(q, k, v.count() < settings.exactBelow(), settings.efSearch(), faceId));
        }
    }

    /** The k nearest by an exact scan, whatever the size (the reference for recall). */
    public List<Hit> searchExact(float[] descriptor, int k) {
        try (FaceView v = view()) {
            return v.search(descriptor, k, true, settings.efSearch(), null);
        }
    }

    /** The k nearest through the HNSW graph, whatever the size. */
    public List<Hit> searchHnsw(float[] descriptor, int k) {
        try (FaceView v = view()) {
            return v.search(descriptor, k, false, settings.efSearch(), null);
        }
    }

    public Optional<StoredFace> face(String faceId) {
        try (FaceView v = view()) {
            return v.face(faceId);
        }
    }

    /** One page of faces in enrolment order, optionally of one subject; {@code token} from the page before (null: the first). */
    public Page<StoredFace> faces(String token, int limit, String subject) {
        try (FaceView v = view()) {
            List<StoredFace> got = v.facesAfter(PageToken.ord(token), limit, subject);
            if (got.size() <= limit) {
                return new Page<>(got, null);
            }
            List<StoredFace> page = got.subList(0, limit);
            return new Page<>(List.copyOf(page), PageToken.ofOrd(page.get(limit - 1).ord()));
        }
    }

    /** One page of subjects by name with their face counts. */
    public Page<SubjectCount> subjects(String token, int limit) {
        try (FaceView v = view()) {
            List<SubjectCount> got = v.subjectsAfter(PageToken.name(token), limit);
            if (got.size() <= limit) {
                return new Page<>(got, null);
            }
            List<SubjectCount> page = got.subList(0, limit);
            return new Page<>(List.copyOf(page), PageToken.ofName(page.get(limit - 1).name()));
        }
    }

    public boolean hasSubject(String subject) {
        try (FaceView v = view()) {
            return v.facesOf(subject) > 0;
        }
    }

    /** Every subject with its examples (the old gallery API's whole listing). */
    List<Subject> all() {
        try (FaceView v = view()) {
            return v.all();
        }
    }

    public long faceCount() {
        try (FaceView v = view()) {
            return v.count();
        }
    }

    CollectionInfo describe(long createdAtMillis) {
        try (FaceView v = view()) {
            int n = v.count();
            return new CollectionInfo(name, createdAtMillis, n, v.subjectCount(), n < settings.exactBelow() ? "exact" : "hnsw");
        }
    }

    /** A point-in-time view (package use: tests check consistency on one view). */
    FaceView view() {
        try {
            return index.view();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    FaceIndex index() {
        return index;
    }

    /** Answers queued writes, commits the index with its journal position, and closes. */
    @Override
    public void close() throws IOException {
        try {
            writer.close();
        } finally {
            try {
                index.close();
            } finally {
                log.close();
            }
        }
    }

    /** Commits the index with its journal position now, instead of at the next commit-every. */
    public void commit() {
        writer.commitNow();
    }

    /** Closes as a killed process would: no commit, the journal as written (tests of recovery). */
    void closeWithoutCommit() throws IOException {
        writer.stopWithoutCommit();
        try {
            index.closeWithoutCommit();
        } finally {
            log.close();
        }
    }

    private static void closeQuietly(Closeable c) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException | RuntimeException ignored) {
                // the open failure is what gets reported
            }
        }
    }
}
