package io.facefleet.gallery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.facefleet.testing.AwsServers;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Several processes share collections through one S3Proxy (the aws profile's gallery, each host
 * a {@link SharedGalleryHost} JVM): an enrolment on one host is seen on another, concurrent
 * enrolments from two hosts into one collection all land and both converge, a host started
 * after a snapshot is made from it (the log entries it covers are deleted first, so nothing else
 * could hold them), and a deleted face goes from the other host. S3Proxy's conditional PUT is
 * made atomic by the harness (see {@link AwsServers}), as S3's is.
 */
class SharedGalleryProcessesTest {

    private static final String BUCKET = "shared-data-bucket";
    private static final int POLL_MS = 250;
    private static final int SNAPSHOT_EVERY = 25;
    private static AwsServers aws;
    private static final List<Host> hosts = new ArrayList<>();
    private static Host a;
    private static Host b;

    /** One host process and the lines it answers. */
    private static final class Host implements AutoCloseable {
        private final Process process;
        private final Writer in;
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

        Host() throws Exception {
            this(aws.s3Endpoint(), 60_000);
        }

        Host(String endpoint, long retentionCheckMs) throws Exception {
            this(endpoint, retentionCheckMs, BUCKET);
        }

        Host(String endpoint, long retentionCheckMs, String bucket) throws Exception {
            this(endpoint, retentionCheckMs, bucket, Path.of(System.getProperty("java.io.tmpdir")));
        }

        /** @param tmp the host's temporary directory, where its replicas live */
        Host(String endpoint, long retentionCheckMs, String bucket, Path tmp) throws Exception {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            ProcessBuilder pb = new ProcessBuilder(java, VectorDistances.JAVA_OPTION, "-Xmx256m", "-Djava.io.tmpdir=" + tmp, SharedGalleryHost.class.getName(), endpoint,
                    AwsServers.ACCESS_KEY, AwsServers.SECRET_KEY, bucket, Integer.toString(POLL_MS), Integer.toString(SNAPSHOT_EVERY),
                    Long.toString(retentionCheckMs));
            // the test classpath is too long for some command lines: the JVM reads it from CLASSPATH
            pb.environment().put("CLASSPATH", System.getProperty("java.class.path"));
            pb.redirectError(ProcessBuilder.Redirect.INHERIT);
            process = pb.start();
            in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String l = r.readLine(); l != null; l = r.readLine()) {
                        lines.add(l);
                    }
                } catch (java.io.IOException ignored) {
                    // the process ended
                }
            });
            reader.setDaemon(true);
            reader.start();
        }

        Host awaitReady() throws Exception {
            assertEquals("ready", next());
            return this;
        }

        void send(String command) throws Exception {
            in.write(command + "\n");
            in.flush();
        }

        String next() throws Exception {
            String l = lines.poll(180, TimeUnit.SECONDS);
            if (l == null) {
                throw new AssertionError("the host process did not answer within 180 s (alive: " + process.isAlive() + ")");
            }
            return l;
        }

        String ask(String command) throws Exception {
            send(command);
            String l = next();
            assertTrue(!l.startsWith("error"), command + " -> " + l);
            return l;
        }

        List<String> ids(String collection) throws Exception {
            String[] w = ask("ids " + collection).split(" ");
            return w.length < 3 ? List.of() : Arrays.asList(w[2].split(","));
        }

        @Override
        public void close() throws Exception {
            send("quit");
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    @BeforeAll
    static void start() throws Exception {
        aws = AwsServers.start();
        try (S3Client s3 = aws.s3Client()) {
            s3.createBucket(r -> r.bucket(BUCKET));
        }
        a = host();
        b = host();
    }

    private static Host host() throws Exception {
        Host h = new Host();
        hosts.add(h);
        return h.awaitReady();
    }

    @AfterAll
    static void stop() throws Exception {
        for (Host h : hosts) {
            h.close();
        }
        if (aws != null) {
            aws.close();
        }
    }

    @Test
    void anEnrolmentOnOneHostIsSeenOnTheOther() throws Exception {
        a.ask("create seen");
        List<Long> latencies = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String[] enrolled = a.ask("enroll seen p" + i + " 1 " + i).split(" ");
            String seen = b.ask("await seen " + enrolled[1] + " 20000");
            assertTrue(seen.startsWith("seen "), "host B never saw face " + enrolled[1] + " enrolled on host A: " + seen);
            latencies.add(Long.parseLong(seen.split(" ")[2]) - Long.parseLong(enrolled[2]));
        }
        List<Long> sorted = latencies.stream().sorted().toList();
        System.out.println("shared gallery: visibility on another host after the enrolment's answer, 20 enrolments, poll " + POLL_MS
                + " ms: median " + sorted.get(sorted.size() / 2) + " ms, max " + sorted.get(sorted.size() - 1) + " ms " + latencies);
    }

    @Test
    void concurrentEnrolmentsFromTwoHostsAllLandAndBothConverge() throws Exception {
        a.ask("create race");
        assertTrue(b.ask("info race").startsWith("info "));
        int refusedBefore = aws.refusedConditionalPuts();
        // four threads on each host: each host's writer groups its own requests, and the two hosts race for numbers
        a.send("enrollFrom race fromA 60 1 4");
        b.send("enrollFrom race fromB 60 2 4");
        TreeSet<String> all = new TreeSet<>();
        for (Host h : List.of(a, b)) {
            String[] w = h.next().split(" ");
            assertEquals("enrolled", w[0], String.join(" ", w));
            all.addAll(Arrays.asList(w[1].split(",")));
        }
        assertEquals(120, all.size(), "120 acknowledged enrolments, each its own face id");
        long deadline = System.currentTimeMillis() + 30_000;
        List<String> onA = a.ids("race");
        List<String> onB = b.ids("race");
        while ((!onA.equals(List.copyOf(all)) || !onB.equals(List.copyOf(all))) && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
            onA = a.ids("race");
            onB = b.ids("race");
        }
        assertEquals(List.copyOf(all), onA, "host A holds every acknowledged face of both hosts");
        assertEquals(List.copyOf(all), onB, "host B holds every acknowledged face of both hosts");
        String infoA = a.ask("info race");
        String infoB = b.ask("info race");
        assertEquals(field(infoA, "applied"), field(infoB, "applied"), "both at the same log entry: " + infoA + " / " + infoB);
        assertEquals("120", field(infoA, "faces"));
        System.out.println("shared gallery: two hosts enrolled 60 faces each (4 threads each) into one collection at once; numbers lost to the other"
                + " host and planned again: A " + field(infoA, "lost") + ", B " + field(infoB, "lost") + " (of those, "
                + (aws.refusedConditionalPuts() - refusedBefore) + " lost a true race inside S3Proxy's check-then-put, which the"
                + " harness lock decided)");
    }

    @Test
    void aHostStartedAfterASnapshotIsMadeFromIt() throws Exception {
        a.ask("create snap");
        String[] enrolled = a.ask("enroll snap s 60 7").split(" ");
        List<String> expected = new TreeSet<>(Arrays.asList(enrolled[1].split(","))).stream().toList();
        // A wrote entries 25 and 50, so it took both snapshots: LATEST names the one at 50
        String latest;
        try (S3Client s3 = aws.s3Client()) {
            String prefix = "gallery/c/" + collectionDir(s3, "snap") + "/";
            latest = s3.getObjectAsBytes(r -> r.bucket(BUCKET).key(prefix + "snap/LATEST.json")).asUtf8String();
            assertTrue(latest.contains("\"seq\":50"), latest);
            // the log entries the snapshot holds go, so a new host can have them from the snapshot only
            List<String> covered = new ArrayList<>();
            for (S3Object o : s3.listObjectsV2Paginator(r -> r.bucket(BUCKET).prefix(prefix + "log/")).contents()) {
                if (Long.parseLong(o.key().substring(o.key().lastIndexOf('/') + 1, o.key().length() - 4)) <= 50) {
                    covered.add(o.key());
                }
            }
            for (String k : covered) {
                s3.deleteObject(r -> r.bucket(BUCKET).key(k));
            }
            System.out.println("shared gallery: deleted " + covered.size() + " log entries up to the snapshot at 50 (the snapshotter had"
                    + " deleted those up to 25 itself)");
        }
        Host c = host();
        assertEquals(expected, c.ids("snap"), "the new host holds all 60 faces: 50 from the snapshot, 10 from the log after it");
        String info = c.ask("info snap");
        assertTrue(info.contains("restored=50 ") && info.contains("applied=60 "), info);
        // and it writes on from there: entry 61, seen by the host that wrote the rest
        String[] more = c.ask("enroll snap late 1 99").split(" ");
        assertTrue(a.ask("await snap " + more[1] + " 20000").startsWith("seen "));
    }

    private static java.util.Set<Path> replicaDirs(Path tmp) throws java.io.IOException {
        try (java.util.stream.Stream<Path> all = java.nio.file.Files.list(tmp)) {
            return all.filter(d -> d.getFileName().toString().startsWith(ReplicaDirs.PREFIX)).collect(java.util.stream.Collectors.toSet());
        }
    }

    @Test
    void aKilledHostsReplicasAreDeletedByTheNextStartOnItsMachineAndALiveHostsAreNot() throws Exception {
        Path tmp = java.nio.file.Files.createTempDirectory("facefleet-machine-");
        // empty once the hosts have closed (each deletes its own replicas)
        tmp.toFile().deleteOnExit();
        Host live = new Host(aws.s3Endpoint(), 60_000, BUCKET, tmp);
        hosts.add(live);
        live.awaitReady();
        java.util.Set<Path> liveDirs = replicaDirs(tmp);
        assertEquals(1, liveDirs.size(), liveDirs.toString());
        Host killed = new Host(aws.s3Endpoint(), 60_000, BUCKET, tmp).awaitReady();
        killed.ask("create machine");
        List<String> enrolled = new TreeSet<>(Arrays.asList(killed.ask("enroll machine k 3 5").split(" ")[1].split(","))).stream().toList();
        java.util.Set<Path> killedDirs = replicaDirs(tmp);
        killedDirs.removeAll(liveDirs);
        assertEquals(1, killedDirs.size(), killedDirs.toString());
        Path killedDir = killedDirs.iterator().next();
        // kill -9: no shutdown hook, no close
        killed.process.destroyForcibly();
        assertTrue(killed.process.waitFor(30, TimeUnit.SECONDS));
        assertTrue(java.nio.file.Files.exists(killedDir.resolve("gallery")), "a killed process leaves its replicas behind");
        Host next = new Host(aws.s3Endpoint(), 60_000, BUCKET, tmp);
        hosts.add(next);
        next.awaitReady();
        java.util.Set<Path> now = replicaDirs(tmp);
        assertTrue(!now.contains(killedDir), "the killed host's replicas are deleted at the next start: " + now);
        assertTrue(now.containsAll(liveDirs), "the live host's replicas stay: " + now);
        assertEquals(2, now.size(), now.toString());
        // nothing was lost with them: the bucket has every acknowledged enrolment
        assertEquals(enrolled, next.ids("machine"));
        assertEquals(enrolled, live.ids("machine"));
    }

    @Test
    void aFaceDeletedOnOneHostGoesFromTheOther() throws Exception {
        a.ask("create del");
        String[] enrolled = a.ask("enroll del d 3 5").split(" ");
        String[] ids = enrolled[1].split(",");
        for (String id : ids) {
            assertTrue(b.ask("await del " + id + " 20000").startsWith("seen "));
        }
        assertEquals("deleted true", a.ask("delete del " + ids[1]));
        String gone = b.ask("gone del " + ids[1] + " 20000");
        assertTrue(gone.startsWith("gone "), "host B still holds the face host A deleted: " + gone);
        assertEquals(List.of(ids[0], ids[2]).stream().sorted().toList(), b.ids("del"));
        assertEquals("deleted false", b.ask("delete del " + ids[1]), "the other host knows it is gone");
    }

    @Test
    void aHostCutOffLongerThanASnapshotIntervalRefusesWritesRatherThanWriteWhereNobodyReads() throws Exception {
        int s3Port = Integer.parseInt(aws.s3Endpoint().substring(aws.s3Endpoint().lastIndexOf(':') + 1));
        try (io.facefleet.testing.FaultProxy line = new io.facefleet.testing.FaultProxy(s3Port)) {
            Host cut = new Host("http://127.0.0.1:" + line.port(), 60_000);
            hosts.add(cut);
            cut.awaitReady();
            a.ask("create cutoff");
            String first = a.ask("enroll cutoff before 1 1").split(" ")[1];
            assertTrue(cut.ask("await cutoff " + first + " 20000").startsWith("seen "));
            line.down();
            // entries 2..61 while the host is away: snapshots at 25 and 50 delete entries 1..25, its next among them
            a.ask("enroll cutoff meanwhile 60 2");
            // its polls fail while it is away: wait until it has seen one fail, then let it back
            long deadline = System.currentTimeMillis() + 20_000;
            String stillAway = cut.ask("info cutoff");
            while (!stillAway.contains("unsure=true") && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
                stillAway = cut.ask("info cutoff");
            }
            assertTrue(stillAway.contains("unsure=true"), stillAway);
            line.up();
            // it must not take entry 2 (deleted, so the conditional PUT would succeed) where no other host would read it
            cut.send("enroll cutoff after 1 3");
            String answer = cut.next();
            assertTrue(answer.startsWith("error ") && answer.contains("restart this host"), "the host wrote after missing deleted entries: "
                    + answer + " (before: " + stillAway + ")");
            assertTrue(cut.ask("info cutoff").contains("writable=false"));
            assertEquals(61, a.ids("cutoff").size(), "the other host's collection is as it wrote it");
        }
    }

    @Test
    void theEarlierReleasesPerFaceObjectsAreImportedOnceIntoTheDefaultCollection() throws Exception {
        String bucket = "legacy-data-bucket";
        List<String> ids = new ArrayList<>();
        io.facefleet.testing.SyntheticFaces faces = new io.facefleet.testing.SyntheticFaces(16);
        try (S3Client s3 = aws.s3Client()) {
            s3.createBucket(r -> r.bucket(bucket));
            for (int i = 0; i < 3; i++) {
                String id = java.util.UUID.randomUUID().toString();
                ids.add(id);
                // what the earlier releases' SharedGallery wrote for each face
                String body = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(new S3LegacyImport.Entry("old" + i,
                        new Example(id, "old" + i + ".jpg", null, 1000L + i, faces.face(i, 1))));
                s3.putObject(r -> r.bucket(bucket).key("gallery/" + id + ".json"),
                        software.amazon.awssdk.core.sync.RequestBody.fromString(body));
            }
        }
        // two hosts start at once: both find no marker and import, the log orders them, nothing is added twice
        Host first = new Host(aws.s3Endpoint(), 60_000, bucket);
        Host second = new Host(aws.s3Endpoint(), 60_000, bucket);
        hosts.add(first);
        hosts.add(second);
        first.awaitReady();
        second.awaitReady();
        List<String> expected = ids.stream().sorted().toList();
        // either host may find the other's marker and import nothing, then take in the other's entries
        // by its polls (a face written on one host is visible on the others within a poll, not at once)
        for (Host h : List.of(first, second)) {
            long deadline = System.currentTimeMillis() + 20_000;
            List<String> seen = h.ids("default");
            while (!seen.equals(expected) && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
                seen = h.ids("default");
            }
            assertEquals(expected, seen, "the three old faces, with their ids");
        }
        Host third = new Host(aws.s3Endpoint(), 60_000, bucket);
        hosts.add(third);
        third.awaitReady();
        assertEquals(expected, third.ids("default"), "a later host imports nothing again");
        for (Host h : List.of(first, second, third)) {
            String info = h.ask("info default");
            assertEquals("3", field(info, "faces"), "each old face once, though two hosts imported at once: " + info);
        }
        try (S3Client s3 = aws.s3Client()) {
            assertTrue(s3.listObjectsV2(r -> r.bucket(bucket).prefix("gallery/" + S3LegacyImport.MARKER)).keyCount() == 1, "the marker");
        }
    }

    private static String field(String info, String name) {
        for (String w : info.split(" ")) {
            if (w.startsWith(name + "=")) {
                return w.substring(name.length() + 1);
            }
        }
        throw new AssertionError("no " + name + " in " + info);
    }

    /** The uuid directory of a collection, from the catalogue's log. */
    private static String collectionDir(S3Client s3, String name) {
        for (S3Object o : s3.listObjectsV2Paginator(r -> r.bucket(BUCKET).prefix("gallery/catalog/log/")).contents()) {
            String body = s3.getObjectAsBytes(r -> r.bucket(BUCKET).key(o.key())).asUtf8String();
            if (body.contains("\"name\":\"" + name + "\"")) {
                int at = body.indexOf("\"dir\":\"") + 7;
                return body.substring(at, body.indexOf('"', at));
            }
        }
        throw new AssertionError("no collection " + name + " in the catalogue log");
    }
}
