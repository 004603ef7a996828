package io.facefleet.gallery;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The collection as the writer plans the next request against it: a point-in-time view plus
 * every change applied since that view was taken. A request's checks (limits, dedupe, unknown
 * ids) are therefore exact, as if requests ran one after another, without refreshing the index
 * for each (a refresh writes a segment; see {@link GroupCommitter}).
 */
final class State implements AutoCloseable {

    private final FaceView view;
    private long seq;
    private final Map<String, Change.AddFace> added = new HashMap<>();
    private final Map<String, String> addedBySubjectSha = new HashMap<>();
    private final Map<String, Long> addedPerSubject = new HashMap<>();
    private final Set<String> deletedIds = new HashSet<>();
    private final Map<String, Long> deletedPerSubject = new HashMap<>();
    private final Set<String> deletedSubjects = new HashSet<>();
    private long count;
    private long changes;

    State(FaceView view, long nextSeq) {
        this.view = view;
        this.seq = nextSeq;
        this.count = view.count();
    }

    /** The sequence number the request being planned will get. */
    long seq() {
        return seq;
    }

    /** Numbers the next request on (the one before took {@code nextSeq - 1}). */
    void next(long nextSeq) {
        this.seq = nextSeq;
    }

    /** Changes taken in since the view. */
    long changes() {
        return changes;
    }

    long faceCount() {
        return count;
    }

    Optional<String> subjectOfFace(String id) {
        Change.AddFace a = added.get(id);
        if (a != null) {
            return Optional.of(a.subject());
        }
        if (deletedIds.contains(id)) {
            return Optional.empty();
        }
        return view.face(id).map(StoredFace::subject).filter(s -> !deletedSubjects.contains(s));
    }

    Optional<Example> faceBySha(String subject, String sha) {
        String id = addedBySubjectSha.get(key(subject, sha));
        if (id != null && added.containsKey(id)) {
            Change.AddFace a = added.get(id);
            return Optional.of(new Example(a.id(), a.source(), a.sha256(), a.enrolledAtMillis(), a.descriptor().clone()));
        }
        if (deletedSubjects.contains(subject)) {
            return Optional.empty();
        }
        return view.faceBySha(subject, sha).filter(f -> !deletedIds.contains(f)).flatMap(view::example);
    }

    boolean hasFace(String id) {
        return subjectOfFace(id).isPresent();
    }

    boolean hasSubject(String subject) {
        if (addedPerSubject.getOrDefault(subject, 0L) > 0) {
            return true;
        }
        return !deletedSubjects.contains(subject) && view.facesOf(subject) - deletedPerSubject.getOrDefault(subject, 0L) > 0;
    }

    /** Takes in a request's changes, for the requests after it. */
    void plan(Iterable<Change> planned) {
        for (Change c : planned) {
            changes++;
            if (c instanceof Change.AddFace a) {
                added.put(a.id(), a);
                if (a.sha256() != null) {
                    addedBySubjectSha.put(key(a.subject(), a.sha256()), a.id());
                }
                addedPerSubject.merge(a.subject(), 1L, Long::sum);
                count++;
            } else if (c instanceof Change.DeleteFace d) {
                Change.AddFace a = added.remove(d.id());
                if (a != null) {
                    addedPerSubject.merge(a.subject(), -1L, Long::sum);
                } else {
                    String subject = view.face(d.id()).map(StoredFace::subject).orElseThrow();
                    deletedIds.add(d.id());
                    deletedPerSubject.merge(subject, 1L, Long::sum);
                }
                count--;
            } else {
                String subject = ((Change.DeleteSubject) c).subject();
                long gone = addedPerSubject.getOrDefault(subject, 0L);
                added.values().removeIf(a -> a.subject().equals(subject));
                addedPerSubject.remove(subject);
                if (deletedSubjects.add(subject)) {
                    gone += view.facesOf(subject) - deletedPerSubject.getOrDefault(subject, 0L);
                }
                count -= gone;
            }
        }
    }

    private static String key(String subject, String sha) {
        return subject + '\u0000' + sha;
    }

    @Override
    public void close() {
        view.close();
    }
}
