package io.facefleet.gallery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.facefleet.testing.SyntheticFaces;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With an int7 scalar-quantized graph, HNSW still finds the exact nearest face for at least 99%
 * of queries on 10,000 faces, and the distances it answers are the exact ones (rescored from the
 * float vectors), not the quantized estimates.
 */
class QuantizedSearchTest {

    @TempDir
    Path dir;

    @Test
    void anInt7GraphKeepsRecallAndAnswersExactDistances() throws Exception {
        SyntheticFaces faces = new SyntheticFaces(1607);
        GallerySettings d = GallerySettings.defaults();
        GallerySettings s = d.withIndex(d.index().withQuantizeBits(7));
        try (Catalog c = Catalog.open(dir, s)) {
            Collection col = c.collection(Catalog.DEFAULT);
            Enrolments.parallel(col, faces, 2000, 5, 8);
            int queries = 1000;
            int found = 0;
            for (int q = 0; q < queries; q++) {
                // 80% new photos of enrolled subjects, 20% strangers
                float[] query = q % 5 == 4 ? faces.face(100_000 + q, 1) : faces.face((q * 7) % 2000, 100 + q);
                Hit exact = col.searchExact(query, 1).get(0);
                Hit graph = col.searchHnsw(query, 1).get(0);
                if (exact.faceId().equals(graph.faceId())) {
                    found++;
                    assertEquals(exact.distance(), graph.distance(), 1e-6, "query " + q + ": the graph's distance is not the exact one");
                } else if (Math.abs(exact.distance() - graph.distance()) < 1e-6) {
                    // a tie at the top counts as found
                    found++;
                }
            }
            double recall = found / (double) queries;
            assertTrue(recall >= 0.99, "recall@1 " + recall);
        }
        Indexes.assertClean(dir);
    }
}
