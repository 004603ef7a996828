package io.facefleet.gallery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.facefleet.aws.S3GalleryObjects;
import io.facefleet.testing.AwsServers;
import io.facefleet.testing.SyntheticFaces;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Snapshots of a shared collection are deleted past the newest snapshots-kept, with the files
 * no kept one names and the log entries every kept one covers; a host whose snapshot goes while
 * it starts from it starts again from the newest; a failed deletion fails no enrolment. Each
 * "host" here is a {@link Collection#openShared} of the same collection on S3Proxy, in its own
 * directory; the hooks below only choose when the other host writes, the objects are S3Proxy's.
 */
class SnapshotRetentionTest {

    private static final String BUCKET = "snapshot-retention";
    private static final int SNAPSHOT_EVERY = 5;
    private static final SharedLogSettings SHARED = new SharedLogSettings(50, SNAPSHOT_EVERY, 60_000, 2);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static AwsServers aws;
    private static S3Client s3;
    private static GalleryObjects objects;

    @TempDir
    Path dirs;
    private final String prefix = "c/" + UUID.randomUUID() + "/";
    private final List<Collection> open = new ArrayList<>();
    private final SyntheticFaces faces = new SyntheticFaces(16);
    private int enrolled;

    @BeforeAll
    static void start() throws Exception {
        aws = AwsServers.start();
        s3 = aws.s3Client();
        s3.createBucket(r -> r.bucket(BUCKET));
        objects = new S3GalleryObjects(s3, BUCKET, "gallery/");
    }

    @AfterAll
    static void stop() throws Exception {
        s3.close();
        aws.close();
    }

    @AfterEach
    void close() throws IOException {
        for (Collection c : open) {
            c.close();
        }
    }

    private Collection host(String name, GalleryObjects through) throws IOException {
        Collection c = Collection.openShared("retention", Files.createDirectories(dirs.resolve(name)), GallerySettings.defaults(), through,
                prefix, SHARED);
        open.add(c);
        return c;
    }

    /** One face per log entry; returns once the snapshots the entries cross are published (they follow the answer). */
    private void enroll(Collection c, int n) throws InterruptedException {
        int before = c.snapshotsTaken();
        int crossed = (enrolled + n) / SNAPSHOT_EVERY - enrolled / SNAPSHOT_EVERY;
        for (int i = 0; i < n; i++, enrolled++) {
            c.enroll("s" + enrolled, List.of(new NewFace(faces.face(enrolled, 0), "face-" + enrolled, null)));
        }
        long deadline = System.currentTimeMillis() + 30_000;
        while (c.snapshotsTaken() < before + crossed && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(before + crossed, c.snapshotsTaken(), "snapshots published");
    }

    private List<String> keys(String under) {
        String full = "gallery/" + prefix + under;
        List<String> keys = new ArrayList<>();
        s3.listObjectsV2Paginator(r -> r.bucket(BUCKET).prefix(full)).contents().forEach(o -> keys.add(o.key().substring(full.length())));
        return keys.stream().sorted().toList();
    }

    private JsonNode object(String under) throws IOException {
        return JSON.readTree(s3.getObjectAsBytes(r -> r.bucket(BUCKET).key("gallery/" + prefix + under)).asByteArray());
    }

    private static String snap(long seq) {
        return String.format("%020d", seq) + ".json";
    }

    @Test
    void onlyTheNewestSnapshotsStayWithTheFilesTheyNameAndTheLogAfterTheOldest() throws Exception {
        Collection writer = host("writer", objects);
        enroll(writer, 30);
        // snapshots at 5, 10, ... 30: the two newest stay
        assertEquals(List.of(snap(25), snap(30), "LATEST.json"), keys("snap/"));
        // the claims of the dropped snapshots' successors go with them; the first snapshot's claim stays
        assertEquals(List.of(snap(0), snap(25)), keys("next/"));
        JsonNode latest = object("snap/LATEST.json");
        assertEquals(30, latest.get("seq").asLong(), latest.toString());
        assertEquals("[30,25]", latest.get("kept").toString());
        TreeSet<String> named = new TreeSet<>();
        for (long s : List.of(25L, 30L)) {
            object("snap/" + snap(s)).get("files").forEach(f -> named.add(f.get("key").asText().substring(("c/" + prefix.substring(2)).length())));
        }
        assertEquals(List.copyOf(named), keys("files/").stream().map(k -> "files/" + k).toList(), "exactly the files the kept snapshots name");
        List<String> log = keys("log/");
        assertEquals(List.of(26L, 27L, 28L, 29L, 30L), log.stream().map(k -> Long.parseLong(k.substring(0, 20))).toList(),
                "the log after the oldest kept snapshot");
        // and the collection is whole from what stays
        Collection late = host("late", objects);
        assertEquals(30, late.restoredFromSeq());
        assertEquals(30, late.faceCount());
    }

    /** The real objects, with one action run (once) before every call that matches. */
    private static final class BeforeFirst implements GalleryObjects {
        private final GalleryObjects real;
        private final Predicate<String> get;
        private final Predicate<String> getFile;
        private final Predicate<String> put;
        private final AtomicBoolean ran = new AtomicBoolean();
        private final CountDownLatch actionDone = new CountDownLatch(1);
        private final ThrowingRunnable action;
        private final boolean failDeletes;

        interface ThrowingRunnable {
            void run() throws Exception;
        }

        BeforeFirst(GalleryObjects real, Predicate<String> get, Predicate<String> getFile, ThrowingRunnable action, boolean failDeletes) {
            this(real, get, getFile, k -> false, action, failDeletes);
        }

        BeforeFirst(GalleryObjects real, Predicate<String> get, Predicate<String> getFile, Predicate<String> put, ThrowingRunnable action,
                boolean failDeletes) {
            this.real = real;
            this.get = get;
            this.getFile = getFile;
            this.put = put;
            this.action = action;
            this.failDeletes = failDeletes;
        }

        /** The first matching call runs the action; matching calls on other threads (the log is read in parallel) wait for it. */
        private void maybeRun(Predicate<String> p, String key) throws IOException {
            if (!p.test(key)) {
                return;
            }
            if (ran.compareAndSet(false, true)) {
                try {
                    action.run();
                } catch (Exception e) {
                    throw new IOException(e);
                } finally {
                    actionDone.countDown();
                }
            }
            try {
                actionDone.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }

        @Override
        public Optional<byte[]> get(String key) throws IOException {
            maybeRun(get, key);
            return real.get(key);
        }

        @Override
        public boolean putIfAbsent(String key, byte[] bytes) throws IOException {
            return real.putIfAbsent(key, bytes);
        }

        @Override
        public void put(String key, byte[] bytes) throws IOException {
            maybeRun(put, key);
            real.put(key, bytes);
        }

        @Override
        public void putFile(String key, Path file) throws IOException {
            real.putFile(key, file);
        }

        @Override
        public boolean getFile(String key, Path file) throws IOException {
            maybeRun(getFile, key);
            return real.getFile(key, file);
        }

        @Override
        public void delete(List<String> keys) throws IOException {
            if (failDeletes) {
                throw new IOException("S3 refused the DeleteObjects (" + keys.size() + " keys)");
            }
            real.delete(keys);
        }

        @Override
        public List<String> list(String under) throws IOException {
            return real.list(under);
        }

        @Override
        public List<String> listTopLevel() throws IOException {
            return real.listTopLevel();
        }
    }

    @Test
    void aHostWhoseSnapshotIsDeletedWhileItDownloadsItStartsAgainFromTheNewest() throws Exception {
        Collection writer = host("writer", objects);
        enroll(writer, 10);
        // the new host has read LATEST (10) and its manifest; before its first file, the writer publishes 15 and 20, and 10 goes
        Collection late = host("late", new BeforeFirst(objects, k -> false, k -> true, () -> enroll(writer, 10), false));
        assertTrue(!keys("snap/").contains(snap(10)), "snapshot 10 was deleted during the download: " + keys("snap/"));
        assertEquals(20, late.restoredFromSeq());
        assertEquals(20, late.faceCount());
        assertEquals(20, late.appliedSeq());
    }

    @Test
    void aHostWhoseLogIsDeletedWhileItReadsItStartsAgainFromTheNewestSnapshot() throws Exception {
        Collection writer = host("writer", objects);
        enroll(writer, 10);
        // the new host has downloaded snapshot 10; before it reads entry 11, the writer publishes 15 and 20: entries up to 15 go
        Collection late = host("late", new BeforeFirst(objects, k -> k.contains("/log/"), k -> false, () -> enroll(writer, 10), false));
        assertEquals(20, late.restoredFromSeq());
        assertEquals(20, late.faceCount());
        assertEquals(20, late.appliedSeq());
        // and it writes on at 21, which the writer follows
        late.enroll("after", List.of(new NewFace(faces.face(99, 0), "after", null)));
        long deadline = System.currentTimeMillis() + 20_000;
        while (writer.appliedSeq() < 21 && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(21, writer.appliedSeq());
    }

    @Test
    void aFailedDeletionLeavesGarbageButFailsNoEnrolmentNorSnapshot() throws Exception {
        Collection writer = host("writer", new BeforeFirst(objects, k -> false, k -> false, () -> { }, true));
        // every enrolment answers, and each of the three snapshots is published although nothing old can be deleted
        enroll(writer, 15);
        assertEquals(15, object("snap/LATEST.json").get("seq").asLong());
        assertEquals(List.of(snap(5), snap(10), snap(15), "LATEST.json"), keys("snap/"), "the old ones stay (garbage, not damage)");
        Collection late = host("late", objects);
        assertEquals(15, late.restoredFromSeq());
        assertEquals(15, late.faceCount());
    }

    @Test
    void ofTwoHostsPublishingAtOnceOnlyOneReplacesThePointerAndWhatItNamesStays() throws Exception {
        // A publishes 5, B 10 (LATEST keeps 10 and 5); A's snapshot at 15 reuses its segment files from 5.
        // Just before A points LATEST at 15, B writes 16..20 and publishes 20 from the same pointer (10, 5),
        // which drops 5: without one winner, B's deletion takes the files A's pointer then names.
        AtomicBoolean armed = new AtomicBoolean();
        Collection[] other = new Collection[1];
        Collection a = hostRunningBeforeItsPointer("a", armed, () -> publishFrom(other[0], 16));
        Collection b = host("b", objects);
        other[0] = b;
        enroll(a, 5);
        awaitApplied(b, 5);
        enroll(b, 5);
        awaitApplied(a, 10);
        armed.set(true);
        enroll(a, 5);
        awaitApplied(a, 20);
        long pointer = object("snap/LATEST.json").get("seq").asLong();
        for (JsonNode f : object("snap/" + snap(pointer)).get("files")) {
            String key = f.get("key").asText();
            assertTrue(s3.listObjectsV2(r -> r.bucket(BUCKET).prefix("gallery/" + key)).keyCount() == 1,
                    "LATEST (" + pointer + ") names " + key + ", which is gone");
        }
        Collection late = host("late", objects);
        assertEquals(20, late.faceCount());
        assertEquals(20, late.appliedSeq());
    }

    @Test
    void aClaimWhosePointerWasNeverWrittenIsFinishedByTheNextHostToPublish() throws Exception {
        // A claims the successor of snapshot 10 and dies before it points LATEST at its 15
        AtomicBoolean armed = new AtomicBoolean();
        Collection a = hostRunningBeforeItsPointer("a", armed, () -> {
            throw new IOException("the host died before its PUT of LATEST");
        });
        Collection b = host("b", objects);
        // B reads each entry before a snapshot's deletion could take it (else it would stop, cut off, as designed)
        enroll(a, 5);
        awaitApplied(b, 5);
        enroll(a, 5);
        awaitApplied(b, 10);
        armed.set(true);
        for (int i = 11; i <= 15; i++) {
            a.enroll("a" + i, List.of(new NewFace(faces.face(2000 + i, 0), "a-" + i, null)));
        }
        long deadline = System.currentTimeMillis() + 30_000;
        while (!keys("next/").contains(snap(10)) && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(keys("next/").contains(snap(10)), "A's claim: " + keys("next/"));
        assertEquals(10, object("snap/LATEST.json").get("seq").asLong(), "A's pointer was never written");
        // B's snapshot at 20 finds the claim: it finishes A's pointer (15) and withdraws itself; its 25 goes on from there
        awaitApplied(b, 15);
        publishFrom(b, 16);
        assertEquals(15, object("snap/LATEST.json").get("seq").asLong());
        publishFrom(b, 21);
        assertEquals(25, object("snap/LATEST.json").get("seq").asLong());
        Collection late = host("late", objects);
        assertEquals(25, late.restoredFromSeq());
        assertEquals(25, late.faceCount());
    }

    /** A host that, once armed, runs {@code action} before its first PUT of LATEST after that. */
    private Collection hostRunningBeforeItsPointer(String name, AtomicBoolean armed, BeforeFirst.ThrowingRunnable action) throws IOException {
        return host(name, new BeforeFirst(objects, k -> false, k -> false, k -> armed.get() && k.endsWith("snap/LATEST.json"), action, false));
    }

    /** Five enrolments on {@code host} from log entry {@code from}, and its snapshot at the last one. */
    private void publishFrom(Collection host, int from) throws Exception {
        int before = host.snapshotsTaken();
        for (int i = from; i < from + SNAPSHOT_EVERY; i++) {
            host.enroll("b" + i, List.of(new NewFace(faces.face(1000 + i, 0), "b-" + i, null)));
        }
        long deadline = System.currentTimeMillis() + 30_000;
        while (host.snapshotsTaken() == before && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(before + 1, host.snapshotsTaken(), "the other host's snapshot");
    }

    private static void awaitApplied(Collection host, long seq) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 20_000;
        while (host.appliedSeq() < seq && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(seq, host.appliedSeq());
    }
}
