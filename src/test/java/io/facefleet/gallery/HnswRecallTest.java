package io.facefleet.gallery;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.facefleet.testing.SyntheticFaces;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HNSW graph finds the exact nearest face for at least 99% of queries on 10,000 faces. */
class HnswRecallTest {

    @TempDir
    Path dir;

    @Test
    void recallAtOneAgainstTheExactScanIsAtLeast99Percent() throws Exception {
        SyntheticFaces faces = new SyntheticFaces(1600);
        try (Catalog c = Catalog.open(dir, GallerySettings.defaults())) {
            Collection col = c.collection(Catalog.DEFAULT);
            long t0 = System.nanoTime();
            Enrolments.parallel(col, faces, 2000, 5, 8);
            long t1 = System.nanoTime();
            int queries = 1000;
            int found = 0;
            for (int q = 0; q < queries; q++) {
                // 80% new photos of enrolled subjects, 20% strangers
                float[] query = q % 5 == 4 ? faces.face(100_000 + q, 1) : faces.face((q * 7) % 2000, 100 + q);
                List<Hit> exact = col.searchExact(query, 1);
                List<Hit> graph = col.searchHnsw(query, 1);
                // a tie at the top (equal distance) counts as found
                if (exact.get(0).faceId().equals(graph.get(0).faceId()) || Math.abs(exact.get(0).distance() - graph.get(0).distance()) < 1e-6) {
                    found++;
                }
            }
            double recall = found / (double) queries;
            System.out.printf("enrol %d ms, queries %d ms, recall %.4f%n", (t1 - t0) / 1_000_000, (System.nanoTime() - t1) / 1_000_000, recall);
            assertTrue(recall >= 0.99, "recall@1 " + recall);
        }
    }
}
