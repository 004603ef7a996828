package io.facefleet.gallery;

import io.facefleet.testing.SyntheticFaces;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The child process of {@link KillDuringEnrolmentTest}: enrols subjects of three faces from four
 * threads into a data directory, and deletes every fifth subject it enrolled, printing each
 * acknowledgement ({@code ACK subject faceId...}, {@code DEL subject}; {@code DELETING subject} before a deletion) only after the call
 * returned, until it is killed.
 */
public final class EnrolmentStream {

    private EnrolmentStream() {
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        String round = args[1];
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true);
        // commits every few entries, so kills land in commits as well as in journal writes
        Catalog catalog = Catalog.open(data, GallerySettings.defaults().withCommitEvery(40));
        Collection col = catalog.collection(Catalog.DEFAULT);
        SyntheticFaces faces = new SyntheticFaces(round.hashCode());
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int thread = t;
            Thread th = new Thread(() -> {
                for (int i = 0; ; i++) {
                    String subject = round + "-" + thread + "-" + i;
                    List<NewFace> batch = List.of(new NewFace(faces.face(thread * 1_000_000 + i, 1), "a", null),
                            new NewFace(faces.face(thread * 1_000_000 + i, 2), "b", null),
                            new NewFace(faces.face(thread * 1_000_000 + i, 3), "c", null));
                    List<Example> done = col.enroll(subject, batch);
                    StringBuilder line = new StringBuilder("ACK ").append(subject);
                    done.forEach(e -> line.append(' ').append(e.id()));
                    out.println(line);
                    if (i % 5 == 4) {
                        String gone = round + "-" + thread + "-" + (i - 1);
                        // a deletion cut short by the kill may or may not have happened
                        out.println("DELETING " + gone);
                        col.deleteSubject(gone);
                        out.println("DEL " + gone);
                    }
                }
            });
            th.start();
            threads.add(th);
        }
        out.println("READY");
        for (Thread th : threads) {
            th.join();
        }
    }
}
