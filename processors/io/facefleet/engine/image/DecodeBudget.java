package io.facefleet.engine.image;

import java.util.concurrent.CancellationException;
import java.util.concurrent.Semaphore;

/**
 * Bounds how many pixels are being decoded at once, across every caller sharing the budget, so
 * that a burst of large uploads waits its turn instead of exhausting the heap. Per-image limits
 * alone do not do this: a 40-megapixel JPEG can be a 200 KB upload, and a hundred of them at
 * the same moment would want 40 GB.
 *
 * <p>An image takes width x height pixels from the budget from the moment its header has been
 * checked until its RGB is built, and waits (in arrival order) while the budget is spent. An
 * image larger than the whole budget waits for all of it and then runs alone. Decoding is
 * bounded in time by the limits, so waits are too.
 */
public final class DecodeBudget {

    /**
     * Heap a decode holds per pixel at its peak: the decoder's raster (3 bytes for 8-bit colour,
     * up to 8 for 16-bit RGBA PNG) plus the 3-byte RGB result (and, for a rotated JPEG, a
     * second result). Progressive JPEG's coefficients are native memory, outside the heap.
     */
    public static final int HEAP_BYTES_PER_PIXEL = 11;

    /** Permits count blocks of this many pixels, so that any budget fits in an int. */
    private static final int PIXELS_PER_PERMIT = 1024;

    private static final DecodeBudget SHARED = fromHeap(0.25);

    private final Semaphore permits;
    private final int totalPermits;

    /** A budget of {@code maxPixels} pixels decoding at once. */
    public DecodeBudget(long maxPixels) {
        if (maxPixels <= 0) {
            throw new IllegalArgumentException("maxPixels must be positive, got " + maxPixels);
        }
        this.totalPermits = (int) Math.min(Integer.MAX_VALUE, Math.max(1, maxPixels / PIXELS_PER_PERMIT));
        this.permits = new Semaphore(totalPermits, true);
    }

    /** A budget that lets decodes hold at most {@code heapFraction} of the maximum heap. */
    public static DecodeBudget fromHeap(double heapFraction) {
        if (!(heapFraction > 0 && heapFraction <= 1)) {
            throw new IllegalArgumentException("heapFraction must be in (0, 1], got " + heapFraction);
        }
        return new DecodeBudget((long) (Runtime.getRuntime().maxMemory() * heapFraction / HEAP_BYTES_PER_PIXEL));
    }

    /** The default, shared by every decoder built without one: a quarter of the maximum heap. */
    public static DecodeBudget shared() {
        return SHARED;
    }

    /** The budget, in pixels. */
    public long maxPixels() {
        return (long) totalPermits * PIXELS_PER_PERMIT;
    }

    /** Pixels not taken right now (for monitoring and tests). */
    public long availablePixels() {
        return (long) permits.availablePermits() * PIXELS_PER_PERMIT;
    }

    /**
     * Takes {@code pixels} from the budget, waiting while it is spent; give them back by closing
     * the returned lease.
     *
     * @throws CancellationException if the thread is interrupted while waiting (its interrupt
     *                               flag is set again)
     */
    Lease take(long pixels) {
        int n = (int) Math.min(totalPermits, Math.max(1, (pixels + PIXELS_PER_PERMIT - 1) / PIXELS_PER_PERMIT));
        try {
            permits.acquire(n);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            CancellationException cancelled = new CancellationException("interrupted while waiting to decode an image");
            cancelled.initCause(e);
            throw cancelled;
        }
        return () -> permits.release(n);
    }

    /** True while some caller waits for pixels (for tests). */
    boolean hasWaiters() {
        return permits.hasQueuedThreads();
    }

    /** Pixels taken from a budget; closing gives them back. */
    interface Lease extends AutoCloseable {
        @Override
        void close();
    }
}
