package io.facefleet.gallery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.facefleet.testing.SyntheticFaces;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PointValues;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committer hands a group's enrolments to several apply threads at once (apply-threads 2):
 * every view still shows a prefix of the journal, each entry whole, an acknowledged enrolment is
 * in the next view, a delete is applied after the enrolments before it in its group, and when an
 * entry of a parallel run fails the later ones are taken back out, so views keep the prefix.
 */
class ParallelApplyTest {

    private static final int K = 5;
    /** faces of entry n carry ord n * 2^20 + i (Collection.ORD_SPAN) */
    private static final int ORD_SHIFT = 20;
    private static final SyntheticFaces FACES = new SyntheticFaces(61);

    @TempDir
    Path dir;

    private static GallerySettings parallel() {
        GallerySettings d = GallerySettings.defaults();
        return d.withIndex(d.index().withThreads(2, 2));
    }

    private static List<NewFace> faces(int subject) {
        List<NewFace> out = new ArrayList<>();
        for (int p = 0; p < K; p++) {
            out.add(new NewFace(FACES.face(subject, p), "s" + subject + "-" + p, null));
        }
        return out;
    }

    /** The journal number of the latest entry a view holds (its largest ord, shifted). */
    private static long lastEntry(FaceView v) throws java.io.IOException {
        long max = 0;
        for (LeafReaderContext leaf : v.reader().leaves()) {
            PointValues points = leaf.reader().getPointValues(FaceDocs.ORD);
            if (points != null) {
                max = Math.max(max, LongPoint.decodeDimension(points.getMaxPackedValue(), 0));
            }
        }
        return max >> ORD_SHIFT;
    }

    @Test
    void viewsTakenWhileEntriesAreAppliedInParallelShowAPrefixOfTheJournal() throws Exception {
        try (Catalog c = Catalog.open(dir, parallel())) {
            Collection col = c.collection(Catalog.DEFAULT);
            // every other entry's thread is held up before it reaches Lucene (a busy machine may deschedule it
            // there), so the next entry is often in first: a view taken then must wait for both
            col.index().beforeApply = e -> {
                if (e.seq() % 2 == 1) {
                    try {
                        Thread.sleep(2);
                    } catch (InterruptedException x) {
                        Thread.currentThread().interrupt();
                    }
                }
            };
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger nextSubject = new AtomicInteger();
            AtomicLong enrolled = new AtomicLong();
            AtomicLong views = new AtomicLong();
            // the points of the stream views were taken at (their latest entry)
            Set<Long> seenAt = ConcurrentHashMap.newKeySet();
            ExecutorService pool = Executors.newFixedThreadPool(9);
            List<Future<?>> tasks = new ArrayList<>();
            for (int w = 0; w < 6; w++) {
                tasks.add(pool.submit(() -> {
                    while (!stop.get()) {
                        int s = nextSubject.getAndIncrement();
                        List<Example> got = col.enroll("s" + s, faces(s));
                        enrolled.incrementAndGet();
                        // read-your-writes: acknowledged means the next view shows it
                        try (FaceView v = col.view()) {
                            if (v.face(got.get(K - 1).id()).isEmpty()) {
                                throw new AssertionError("s" + s + " acknowledged but not in the view taken after");
                            }
                        }
                    }
                    return null;
                }));
            }
            for (int r = 0; r < 3; r++) {
                tasks.add(pool.submit(() -> {
                    while (!stop.get()) {
                        try (FaceView v = col.view()) {
                            long last = lastEntry(v);
                            int n = v.count();
                            // each entry adds K faces and no other entry is in this journal: entries 1..last whole
                            if (n != last * K) {
                                throw new AssertionError("a view holds " + n + " faces with entry " + last + " in it: not entries 1.."
                                        + last + " whole (" + last * K + " faces)");
                            }
                            seenAt.add(last);
                        }
                        views.incrementAndGet();
                    }
                    return null;
                }));
            }
            // run until enough entries streamed through and readers looked often (a deadline, not a speed assertion)
            long deadline = System.currentTimeMillis() + 120_000;
            while ((enrolled.get() < 1_000 || seenAt.size() < 100) && System.currentTimeMillis() < deadline
                    && tasks.stream().noneMatch(Future::isDone)) {
                Thread.sleep(50);
            }
            stop.set(true);
            for (Future<?> f : tasks) {
                f.get();
            }
            pool.shutdown();
            assertTrue(enrolled.get() >= 1_000, "enrolled " + enrolled.get());
            assertTrue(seenAt.size() >= 100, "the " + views.get() + " views were taken at only " + seenAt.size() + " points of the stream");
            try (FaceView v = col.view()) {
                assertEquals(enrolled.get() * K, v.count());
            }
        }
        Indexes.assertClean(dir);
    }

    @Test
    void aDeleteAfterEnrolmentsInItsGroupIsAppliedAfterThem() throws Exception {
        Set<String> deleted = ConcurrentHashMap.newKeySet();
        int subjects = 300;
        try (Catalog c = Catalog.open(dir, parallel())) {
            Collection col = c.collection(Catalog.DEFAULT);
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<?>> tasks = new ArrayList<>();
            AtomicInteger next = new AtomicInteger();
            for (int w = 0; w < 4; w++) {
                // enrolments of other subjects fill the groups around each delete
                tasks.add(pool.submit(() -> {
                    for (int s = next.getAndIncrement(); s < subjects; s = next.getAndIncrement()) {
                        col.enroll("keep" + s, faces(10_000 + s));
                    }
                    return null;
                }));
            }
            for (int w = 0; w < 2; w++) {
                int pair = w;
                tasks.add(pool.submit(() -> {
                    for (int s = pair; s < subjects; s += 2) {
                        String name = "gone" + s;
                        int subject = s;
                        // the enrolment and the delete go in at once: the delete that finds the subject is planned after it
                        Future<?> enrol = pool.submit(() -> col.enroll(name, faces(subject)));
                        while (!col.deleteSubject(name)) {
                            Thread.onSpinWait();
                        }
                        enrol.get();
                        deleted.add(name);
                    }
                    return null;
                }));
            }
            for (Future<?> f : tasks) {
                f.get();
            }
            pool.shutdown();
            assertEquals(subjects, deleted.size());
            try (FaceView v = col.view()) {
                for (String name : deleted) {
                    assertEquals(0, v.facesOf(name), name + " was deleted after its enrolment");
                }
                assertEquals(subjects * (long) K, v.count(), "only the kept subjects' faces are left");
            }
        }
        // and so does the index reopened
        try (Catalog c = Catalog.open(dir, parallel())) {
            assertEquals(subjects * (long) K, c.collection(Catalog.DEFAULT).faceCount());
        }
    }

    @Test
    void whenAnEntryOfAParallelRunFailsViewsKeepThePrefixAndAReopenAppliesItAll() throws Exception {
        int clients = 6;
        try (Catalog c = Catalog.open(dir, parallel())) {
            Collection col = c.collection(Catalog.DEFAULT);
            java.util.concurrent.CountDownLatch holding = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.CountDownLatch ready = new java.util.concurrent.CountDownLatch(clients);
            col.index().beforeApply = e -> {
                try {
                    if (e.seq() == 1) {
                        // hold the writer on entry 1 until the clients' requests are queued: they make one group, entries 2..7
                        holding.countDown();
                        ready.await();
                        Thread.sleep(300);
                    } else if (e.seq() == 2) {
                        // the other apply thread takes entries 3..7 meanwhile
                        Thread.sleep(300);
                        throw new IllegalStateException("entry 2 fails on its way into the index");
                    }
                } catch (InterruptedException x) {
                    Thread.currentThread().interrupt();
                }
            };
            ExecutorService pool = Executors.newFixedThreadPool(clients + 1);
            Future<?> first = pool.submit(() -> col.enroll("first", faces(0)));
            holding.await();
            List<Future<?>> group = new ArrayList<>();
            for (int i = 1; i <= clients; i++) {
                int subject = i;
                group.add(pool.submit(() -> {
                    ready.countDown();
                    return col.enroll("s" + subject, faces(subject));
                }));
            }
            first.get();
            int refused = 0;
            for (Future<?> f : group) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    refused++;
                }
            }
            pool.shutdown();
            assertEquals(clients, refused, "the failed group's requests are not acknowledged");
            try (FaceView v = col.view()) {
                assertEquals(K, v.count(), "entry 1 (acknowledged) and nothing after the failed entry 2");
                assertEquals(1, lastEntry(v));
            }
            org.junit.jupiter.api.Assertions.assertThrows(GalleryException.class, () -> col.enroll("after", faces(99)));
        }
        // the journal holds all seven: the reopened index has them, entry 2 included
        try (Catalog c = Catalog.open(dir, parallel())) {
            Collection col = c.collection(Catalog.DEFAULT);
            assertEquals((clients + 1) * (long) K, col.faceCount());
            try (FaceView v = col.view()) {
                assertEquals(clients + 1, lastEntry(v));
            }
        }
    }
}
