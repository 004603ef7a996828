package io.facefleet.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.facefleet.aws.S3GalleryObjects;
import io.facefleet.gallery.GalleryObjects;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The harness's promise that the shared gallery's tests rest on: of several conditional PUTs
 * (If-None-Match: *) of one key sent at the same moment, exactly one is accepted, as on S3.
 */
class AtomicConditionalPutTest {

    private static final int WRITERS = 4;
    private static final int KEYS = 300;

    @Test
    void exactlyOneConditionalPutOfAKeyWins() throws Exception {
        try (AwsServers aws = AwsServers.start()) {
            List<S3Client> clients = new ArrayList<>();
            for (int i = 0; i < WRITERS; i++) {
                clients.add(aws.s3Client());
            }
            clients.get(0).createBucket(r -> r.bucket("race-bucket"));
            AtomicIntegerArray winners = new AtomicIntegerArray(KEYS);
            CyclicBarrier together = new CyclicBarrier(WRITERS);
            ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int w = 0; w < WRITERS; w++) {
                    GalleryObjects objects = new S3GalleryObjects(clients.get(w), "race-bucket", "");
                    byte[] body = ("writer " + w).getBytes();
                    done.add(pool.submit(() -> {
                        for (int k = 0; k < KEYS; k++) {
                            // a writer that fails breaks the barrier for the others instead of leaving them waiting
                            together.await(60, java.util.concurrent.TimeUnit.SECONDS);
                            if (objects.putIfAbsent("log/" + k, body)) {
                                winners.incrementAndGet(k);
                            }
                        }
                        return null;
                    }));
                }
                // the first real failure, not the broken barrier it left the other writers
                Exception first = null;
                for (Future<?> f : done) {
                    try {
                        f.get(10, java.util.concurrent.TimeUnit.MINUTES);
                    } catch (java.util.concurrent.ExecutionException e) {
                        boolean knockOn = e.getCause() instanceof java.util.concurrent.BrokenBarrierException
                                || e.getCause() instanceof java.util.concurrent.TimeoutException;
                        if (first == null || !knockOn) {
                            first = knockOn && first != null ? first : e;
                        }
                    }
                }
                if (first != null) {
                    throw first;
                }
            } finally {
                pool.shutdown();
                clients.forEach(S3Client::close);
            }
            int twice = 0;
            int none = 0;
            for (int k = 0; k < KEYS; k++) {
                twice += winners.get(k) > 1 ? 1 : 0;
                none += winners.get(k) == 0 ? 1 : 0;
            }
            assertEquals(0, twice, "keys whose conditional PUT was accepted more than once");
            assertEquals(0, none, "keys nobody could write");
            System.out.println("conditional PUT race: " + KEYS + " keys x " + WRITERS + " writers; " + aws.refusedConditionalPuts()
                    + " got past S3Proxy's own check and were refused by the harness lock");
        }
    }
}
