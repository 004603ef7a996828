package io.facefleet.gallery;

import io.facefleet.aws.S3GalleryObjects;
import io.facefleet.testing.SyntheticFaces;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * One host of the shared gallery in its own JVM (what a service process opens on the aws
 * profile, {@link Catalog#openShared}, without the face engine), driven line by line on stdin by
 * {@code SharedGalleryProcessesTest}; it answers each command with one line on stdout.
 *
 * <pre>
 * create C                      -> ok
 * enroll C SUBJECT N SEED       -> enrolled ID1,ID2,... ACK_EPOCH_MS   (N requests one after another)
 * enrollFrom C SUBJECT N SEED T -> enrolled ID1,ID2,... ACK_EPOCH_MS   (N requests from T threads at once)
 * await C ID TIMEOUT_MS         -> seen ID EPOCH_MS | missing ID
 * gone C ID TIMEOUT_MS          -> gone ID EPOCH_MS | still ID
 * delete C ID                   -> deleted true|false
 * ids C                         -> ids N ID,ID,...   (sorted)
 * info C                        -> info restored=S applied=S faces=N snapshots=N lost=N writable=B unsure=B
 * </pre>
 * args: S3 endpoint, access key, secret key, bucket, poll-ms, snapshot-every[, retention-check-ms].
 */
public final class SharedGalleryHost {

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        S3Client s3 = S3Client.builder().region(Region.US_EAST_1).endpointOverride(URI.create(args[0])).forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(args[1], args[2]))).build();
        GalleryObjects objects = new S3GalleryObjects(s3, args[3], "gallery/");
        ConditionalWriteProbe.require(objects);
        Catalog catalog = Catalog.openShared(objects, GallerySettings.defaults(),
                new SharedLogSettings(Long.parseLong(args[4]), Integer.parseInt(args[5]), args.length > 6 ? Long.parseLong(args[6]) : 60_000, 2));
        out.println("ready");
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null && !line.equals("quit"); line = in.readLine()) {
            String[] w = line.split(" ");
            try {
                out.println(answer(catalog, w));
            } catch (RuntimeException e) {
                out.println("error " + e.getMessage().replace('\n', ' '));
            }
        }
        catalog.close();
    }

    private static String answer(Catalog catalog, String[] w) throws InterruptedException {
        switch (w[0]) {
            case "create" -> {
                catalog.create(w[1]);
                return "ok";
            }
            case "enroll" -> {
                Collection c = catalog.collection(w[1]);
                SyntheticFaces faces = new SyntheticFaces(Long.parseLong(w[4]));
                List<String> ids = new ArrayList<>();
                for (int i = 0; i < Integer.parseInt(w[3]); i++) {
                    ids.add(c.enroll(w[2], List.of(new NewFace(faces.face(i, i), w[2] + "-" + i, null))).get(0).id());
                }
                return "enrolled " + String.join(",", ids) + " " + System.currentTimeMillis();
            }
            case "enrollFrom" -> {
                Collection c = catalog.collection(w[1]);
                SyntheticFaces faces = new SyntheticFaces(Long.parseLong(w[4]));
                int n = Integer.parseInt(w[3]);
                java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(Integer.parseInt(w[5]));
                try {
                    List<java.util.concurrent.Future<String>> done = new ArrayList<>();
                    for (int i = 0; i < n; i++) {
                        int face = i;
                        done.add(pool.submit(() -> c.enroll(w[2] + face, List.of(new NewFace(faces.face(face, face), w[2] + "-" + face, null)))
                                .get(0).id()));
                    }
                    List<String> ids = new ArrayList<>();
                    for (java.util.concurrent.Future<String> f : done) {
                        ids.add(f.get());
                    }
                    return "enrolled " + String.join(",", ids) + " " + System.currentTimeMillis();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IllegalStateException(e.getCause());
                } finally {
                    pool.shutdown();
                }
            }
            case "await", "gone" -> {
                boolean present = w[0].equals("await");
                long deadline = System.currentTimeMillis() + Long.parseLong(w[3]);
                while (System.currentTimeMillis() < deadline) {
                    if (catalog.find(w[1]).map(c -> c.face(w[2]).isPresent()).orElse(false) == present) {
                        return (present ? "seen " : "gone ") + w[2] + " " + System.currentTimeMillis();
                    }
                    Thread.sleep(5);
                }
                return (present ? "missing " : "still ") + w[2];
            }
            case "delete" -> {
                return "deleted " + catalog.collection(w[1]).deleteFace(w[2]);
            }
            case "ids" -> {
                TreeSet<String> ids = new TreeSet<>();
                Collection c = catalog.collection(w[1]);
                for (String token = null;;) {
                    Page<StoredFace> page = c.faces(token, 1000, null);
                    page.items().forEach(f -> ids.add(f.id()));
                    token = page.next();
                    if (token == null) {
                        break;
                    }
                }
                return "ids " + ids.size() + " " + String.join(",", ids);
            }
            case "info" -> {
                Collection c = catalog.collection(w[1]);
                return "info restored=" + c.restoredFromSeq() + " applied=" + c.appliedSeq() + " faces=" + c.faceCount()
                        + " snapshots=" + c.snapshotsTaken() + " lost=" + c.numbersLost() + " writable=" + (c.refusal() == null) + " unsure=" + c.unsureOfTheLog();
            }
            default -> {
                return "error unknown command " + w[0];
            }
        }
    }
}
