package io.facefleet.gallery;

import java.io.IOException;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.store.IndexInput;
import org.apache.lucene.store.RandomAccessInput;
import org.apache.lucene.util.hnsw.RandomAccessVectorValues;

/**
 * Touches the cache lines of a batch of graph vectors in the mapped vector file: one int read per
 * 64-byte line (and the vector's last int, as the file need not align vectors to lines), all
 * independent loads, so the CPU has the batch's misses in flight at once instead of one per
 * scored vector. The reads' sum goes to a static field so the JIT keeps them.
 */
final class VectorLines {

    private static final int LINE = 64;
    /** where the touched ints' sum goes (never read; its writes keep the reads) */
    static int sink;

    private final RandomAccessInput vectors;
    private final int vectorBytes;
    private final int step;

    private VectorLines(RandomAccessInput vectors, int vectorBytes, boolean everyLine) {
        this.vectors = vectors;
        this.vectorBytes = vectorBytes;
        this.step = everyLine ? LINE : Integer.MAX_VALUE;
    }

    /** Over a field's vector values, or null when they are not in a file Lucene hands out (nothing to touch). */
    static VectorLines over(FloatVectorValues values, boolean everyLine) throws IOException {
        if (values instanceof RandomAccessVectorValues ra) {
            IndexInput slice = ra.getSlice();
            if (slice != null) {
                return new VectorLines(slice.randomAccessSlice(0, slice.length()), ra.getVectorByteLength(), everyLine);
            }
        }
        return null;
    }

    /** Reads the lines of vectors {@code ords[0..count)} (graph ordinals). */
    void touch(int[] ords, int count) throws IOException {
        int sum = 0;
        for (int i = 0; i < count; i++) {
            long start = (long) ords[i] * vectorBytes;
            for (int off = 0; off < vectorBytes; off += step) {
                sum += vectors.readInt(start + off);
            }
            if (step == LINE) {
                sum += vectors.readInt(start + vectorBytes - Integer.BYTES);
            }
        }
        sink += sum;
    }
}
