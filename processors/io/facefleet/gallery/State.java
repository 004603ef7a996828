package io.facefleet.gallery;

import java.util.HashMap;
import java.util.Map;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The collection as a request being planned sees it: the committer's view plus the changes
 * planned before it in the same group. A request's checks (limits, dedupe, unknown ids) are
 * therefore exact, as if the requests ran one after another.
 */
final class State {

    private final FaceView view;
    private long seq;
    private final Map<String, Change.AddFace> added = new HashMap<>();
    private final Set<String> deletedIds = new HashSet<>();
    private final Map<String, Long> deletedPerSubject = new HashMap<>();
    private final Set<String> deletedSubjects = new HashSet<>();
    private long count;

    State(FaceView view, long nextSeq) {
        this.view = view;
        this.seq = nextSeq;
        this.count = view.count();
    }

    /** The sequence number the request being planned will get. */
    long seq() {
        return seq;
    }

    /** The same state, for the request after one that took sequence number {@code nextSeq - 1}. */
    State next(long nextSeq) {
        this.seq = nextSeq;
        return this;
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
        for (Change.AddFace a : added.values()) {
            if (a.subject().equals(subject) && sha.equals(a.sha256())) {
                return Optional.of(new Example(a.id(), a.source(), a.sha256(), a.enrolledAtMillis(), a.descriptor().clone()));
            }
        }
        if (deletedSubjects.contains(subject)) {
            return Optional.empty();
        }
        return view.faceBySha(subject, sha).filter(id -> !deletedIds.contains(id)).flatMap(view::example);
    }

    boolean hasFace(String id) {
        return subjectOfFace(id).isPresent();
    }

    boolean hasSubject(String subject) {
        if (added.values().stream().anyMatch(a -> a.subject().equals(subject))) {
            return true;
        }
        return !deletedSubjects.contains(subject) && view.facesOf(subject) - deletedPerSubject.getOrDefault(subject, 0L) > 0;
    }

    /** Takes in a planned request's changes, for the requests after it. */
    void plan(Iterable<Change> changes) {
        for (Change c : changes) {
            if (c instanceof Change.AddFace a) {
                added.put(a.id(), a);
                count++;
            } else if (c instanceof Change.DeleteFace d) {
                if (added.remove(d.id()) == null) {
                    String subject = view.face(d.id()).map(StoredFace::subject).orElseThrow();
                    deletedIds.add(d.id());
                    deletedPerSubject.merge(subject, 1L, Long::sum);
                }
                count--;
            } else {
                String subject = ((Change.DeleteSubject) c).subject();
                long gone = added.values().stream().filter(a -> a.subject().equals(subject)).count();
                added.values().removeIf(a -> a.subject().equals(subject));
                if (deletedSubjects.add(subject)) {
                    gone += view.facesOf(subject) - deletedPerSubject.getOrDefault(subject, 0L);
                }
                count -= gone;
            }
        }
    }
}
