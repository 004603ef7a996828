package io.facefleet.gallery;

import java.nio.file.Path;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.store.FSDirectory;

/**
 * Run by VectorModuleAbsentTest in a JVM started without jdk.incubator.vector: picks the shipped
 * distances, builds, merges and searches a small gallery index, and says what it used. Exits non-zero
 * on any failure (a class that cannot link, an answer that is not the exact scan's).
 */
public final class ScalarFallbackMain {

    private ScalarFallbackMain() {
    }

    public static void main(String[] args) throws Exception {
        VectorDistances.use(VectorDistances.SIMD);
        System.out.println("distances: " + VectorDistances.describe());
        try (FSDirectory dir = FSDirectory.open(Path.of(args[0]))) {
            try (IndexWriter w = new IndexWriter(dir, FaceHnswVectorsFormatTest.config(HnswCodec.of(16, 100, 0, 1, null)))) {
                FaceHnswVectorsFormatTest.add(w, FaceHnswVectorsFormatTest.faces(8));
                w.forceMerge(1);
            }
            try (DirectoryReader reader = DirectoryReader.open(dir)) {
                FaceHnswVectorsFormatTest.assertSameAsExact(reader, 9);
                System.out.println("format: " + FaceHnswVectorsFormatTest.format(reader.leaves().get(0)));
            }
        }
        System.out.println("answers: the exact scan's");
    }
}
