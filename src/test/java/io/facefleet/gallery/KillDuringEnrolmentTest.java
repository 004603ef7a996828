package io.facefleet.gallery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 during a stream of enrolments and deletions in a child JVM, three rounds on one data
 * directory: after each, every acknowledged face is there with its subject (unless a deletion of
 * it had begun), every acknowledged deletion holds, each subject has all of its entry's faces or none, no face is there twice,
 * and Lucene's CheckIndex finds the index clean.
 */
class KillDuringEnrolmentTest {

    @TempDir
    Path data;

    @Test
    void nothingAcknowledgedIsLostAndNothingIsDamaged() throws Exception {
        Random random = new Random(16);
        Map<String, List<String>> acked = new HashMap<>();
        Set<String> deleted = new HashSet<>();
        Set<String> deleting = new HashSet<>();
        for (int round = 0; round < 3; round++) {
            int killAfter = 20 + random.nextInt(300);
            Process child = start("r" + round);
            int acks = 0;
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    acks += record(line, acked, deleted, deleting);
                    if (acks == killAfter) {
                        // SIGKILL; the handle's, as Process.destroyForcibly would also close the stream read here
                        child.toHandle().destroyForcibly();
                        assertTrue(child.waitFor(30, TimeUnit.SECONDS));
                    }
                }
            }
            assertTrue(acks >= killAfter, "round " + round + ": the child acknowledged only " + acks + " (exit " + child.waitFor() + ")");
            System.out.printf("round %d: killed after %d acknowledgements%n", round, acks);
            check(acked, deleted, deleting);
        }
    }

    private Process start(String round) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, VectorDistances.JAVA_OPTION, "-Xmx256m", EnrolmentStream.class.getName(), data.toString(), round);
        // the test classpath is too long for some command lines: the JVM reads it from CLASSPATH
        pb.environment().put("CLASSPATH", System.getProperty("java.class.path"));
        pb.redirectError(ProcessBuilder.Redirect.INHERIT);
        return pb.start();
    }

    /** Takes in one line of the child's output; returns 1 for an acknowledgement. */
    private static int record(String line, Map<String, List<String>> acked, Set<String> deleted, Set<String> deleting) {
        String[] f = line.split(" ");
        if (f[0].equals("DELETING") && f.length == 2) {
            deleting.add(f[1]);
            return 0;
        }
        if (f[0].equals("ACK") && f.length == 5) {
            acked.put(f[1], List.of(f[2], f[3], f[4]));
            return 1;
        }
        if (f[0].equals("DEL") && f.length == 2) {
            deleted.add(f[1]);
            return 1;
        }
        // READY, or the last line cut short by the kill: that one was never acknowledged in full
        return 0;
    }

    private void check(Map<String, List<String>> acked, Set<String> deleted, Set<String> deleting) throws Exception {
        try (Catalog c = Catalog.open(data, GallerySettings.defaults())) {
            Collection col = c.collection(Catalog.DEFAULT);
            for (Map.Entry<String, List<String>> e : acked.entrySet()) {
                for (String id : e.getValue()) {
                    var face = col.face(id);
                    if (deleted.contains(e.getKey())) {
                        assertTrue(face.isEmpty(), "deleted subject " + e.getKey() + " still has " + id);
                    } else if (!deleting.contains(e.getKey())) {
                        assertEquals(e.getKey(), face.orElseThrow(() -> new AssertionError("acknowledged face " + id + " of " + e.getKey()
                                + " is lost")).subject());
                    }
                }
            }
            List<String> all = new ArrayList<>();
            String token = null;
            do {
                Page<StoredFace> page = col.faces(token, 1000, null);
                page.items().forEach(f -> all.add(f.id()));
                token = page.next();
            } while (token != null);
            assertEquals(all.size(), new HashSet<>(all).size(), "a face is there twice");
            try (FaceView v = col.view()) {
                for (SubjectCount s : v.subjectsAfter(null, 1_000_000)) {
                    assertEquals(3, s.faces(), s.name() + " has part of its entry");
                }
            }
        }
        Indexes.assertClean(data);
    }
}
