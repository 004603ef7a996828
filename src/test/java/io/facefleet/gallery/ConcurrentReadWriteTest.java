package io.facefleet.gallery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.facefleet.testing.SyntheticFaces;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writers enrol subjects as one entry of K faces, or delete whole subjects, while readers take
 * views and search: every view shows each subject with 0 or K faces, and its face count is K
 * times its subjects.
 */
class ConcurrentReadWriteTest {

    private static final int K = 5;
    private static final SyntheticFaces FACES = new SyntheticFaces(44);

    @TempDir
    Path dir;

    @Test
    void everyViewSeesWholeEntriesOnly() throws Exception {
        try (Catalog c = Catalog.open(dir, GallerySettings.defaults().withExactBelow(200))) {
            Collection col = c.collection(Catalog.DEFAULT);
            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong views = new AtomicLong();
            AtomicLong searches = new AtomicLong();
            AtomicLong enrolled = new AtomicLong();
            ConcurrentHashMap<String, Boolean> live = new ConcurrentHashMap<>();
            ExecutorService pool = Executors.newFixedThreadPool(6);
            List<Future<?>> tasks = new ArrayList<>();
            for (int w = 0; w < 3; w++) {
                int writer = w;
                tasks.add(pool.submit(() -> {
                    for (int i = 0; !stop.get(); i++) {
                        String name = "w" + writer + "-" + i;
                        List<NewFace> faces = new ArrayList<>();
                        for (int p = 0; p < K; p++) {
                            faces.add(new NewFace(FACES.face(writer * 100_000 + i, p), name + "-" + p, null));
                        }
                        col.enroll(name, faces);
                        enrolled.incrementAndGet();
                        live.put(name, true);
                        if (i % 3 == 2) {
                            String gone = "w" + writer + "-" + (i - 1);
                            col.deleteSubject(gone);
                            live.remove(gone);
                        }
                    }
                    return null;
                }));
            }
            for (int r = 0; r < 3; r++) {
                int reader = r;
                tasks.add(pool.submit(() -> {
                    while (!stop.get()) {
                        try (FaceView v = col.view()) {
                            long subjects = 0;
                            String after = null;
                            for (List<SubjectCount> page = v.subjectsAfter(null, 50); !page.isEmpty(); page = v.subjectsAfter(after, 50)) {
                                List<SubjectCount> shown = page.size() > 50 ? page.subList(0, 50) : page;
                                for (SubjectCount s : shown) {
                                    if (s.faces() != K) {
                                        throw new AssertionError(s.name() + " seen with " + s.faces() + " faces");
                                    }
                                }
                                subjects += shown.size();
                                after = shown.get(shown.size() - 1).name();
                                if (page.size() <= 50) {
                                    break;
                                }
                            }
                            if (v.count() != subjects * K) {
                                throw new AssertionError(v.count() + " faces in a view of " + subjects + " subjects");
                            }
                            List<Hit> hits = v.search(FACES.face(reader, 99), 3, v.count() < 200, 100, null);
                            if (v.count() > 0 && hits.isEmpty()) {
                                throw new AssertionError("no hit in a view of " + v.count() + " faces");
                            }
                            searches.incrementAndGet();
                        }
                        views.incrementAndGet();
                    }
                    return null;
                }));
            }
            // run until writers and readers have both done enough (a deadline, not a speed assertion)
            long deadline = System.currentTimeMillis() + 60_000;
            while ((enrolled.get() < 300 || views.get() <= 10) && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            stop.set(true);
            for (Future<?> f : tasks) {
                f.get();
            }
            pool.shutdown();
            assertTrue(enrolled.get() >= 300, "writers enrolled " + enrolled.get());
            assertTrue(views.get() > 10, "readers checked " + views.get() + " views");
            try (FaceView v = col.view()) {
                assertEquals(live.size() * (long) K, v.count(), "every acknowledged enrolment and deletion is in");
            }
        }
    }
}
