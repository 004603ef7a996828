package io.facefleet.gallery;

import io.facefleet.testing.SyntheticFaces;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Enrols synthetic subjects from several threads, so the journal's group commit takes many per fsync. */
final class Enrolments {

    private Enrolments() {
    }

    /** Subjects s0..s{subjects-1}, each one entry of {@code perSubject} faces (photos 1..perSubject). */
    static void parallel(Collection col, SyntheticFaces faces, int subjects, int perSubject, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int s = 0; s < subjects; s++) {
                int subject = s;
                done.add(pool.submit(() -> {
                    List<NewFace> batch = new ArrayList<>();
                    for (int p = 1; p <= perSubject; p++) {
                        batch.add(new NewFace(faces.face(subject, p), "s" + subject + "-" + p, null));
                    }
                    return col.enroll("s" + subject, batch);
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }
}
