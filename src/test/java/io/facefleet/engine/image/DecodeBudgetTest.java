package io.facefleet.engine.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** The shared bound on pixels decoded at once. */
class DecodeBudgetTest {

    @Test
    void aDecodeWaitsWhileTheBudgetIsSpentAndRunsOnceItIsGivenBack() throws Exception {
        DecodeBudget budget = new DecodeBudget(100 * 1024);
        ImageDecoder decoder = new ImageDecoder(ImageLimits.defaults(), budget);
        byte[] jpeg = TestImages.write(TestImages.pattern(200, 200, BufferedImage.TYPE_3BYTE_BGR), "jpeg");
        byte[] expected = decoder.decode(jpeg).rgb();
        assertEquals(budget.maxPixels(), budget.availablePixels(), "all given back");

        DecodeBudget.Lease held = budget.take(80 * 1024); // someone else is decoding a big image
        CountDownLatch started = new CountDownLatch(1);
        CompletableFuture<byte[]> waiting = CompletableFuture.supplyAsync(() -> {
            started.countDown();
            return decoder.decode(jpeg).rgb(); // needs 40 000 pixels: more than the 20 480 left
        });
        started.await();
        while (!budget.hasWaiters() && !waiting.isDone()) {
            Thread.onSpinWait(); // until the decode is queued on the budget (or wrongly done)
        }
        assertFalse(waiting.isDone());
        held.close();
        assertArrayEquals(expected, waiting.get());
        assertEquals(budget.maxPixels(), budget.availablePixels());
    }

    @Test
    void rejectionsAndFailuresGiveThePixelsBack() {
        DecodeBudget budget = new DecodeBudget(64 * 1024);
        ImageDecoder decoder = new ImageDecoder(ImageLimits.defaults(), budget);
        byte[] jpeg = TestImages.write(TestImages.pattern(100, 100, BufferedImage.TYPE_3BYTE_BGR), "jpeg");
        byte[] cut = java.util.Arrays.copyOf(jpeg, jpeg.length / 2 + 2);
        cut[cut.length - 2] = (byte) 0xFF;
        cut[cut.length - 1] = (byte) 0xD9; // passes the header checks, fails in the decoder
        for (int i = 0; i < 20; i++) {
            assertThrows(ImageRejectedException.class, () -> decoder.decode(cut));
        }
        assertEquals(budget.maxPixels(), budget.availablePixels());
    }

    @Test
    void anImageLargerThanTheWholeBudgetRunsAlone() {
        DecodeBudget budget = new DecodeBudget(4 * 1024);
        ImageDecoder decoder = new ImageDecoder(ImageLimits.defaults(), budget);
        RgbImage img = decoder.decode(TestImages.flatGreyJpeg(300, 200));
        assertEquals(300, img.width());
        assertEquals(budget.maxPixels(), budget.availablePixels());
    }

    @Test
    void theSharedBudgetFollowsTheHeap() {
        long expected = (long) (Runtime.getRuntime().maxMemory() * 0.25 / DecodeBudget.HEAP_BYTES_PER_PIXEL);
        assertTrue(Math.abs(DecodeBudget.shared().maxPixels() - expected) <= 1024, DecodeBudget.shared().maxPixels() + " vs " + expected);
        assertThrows(IllegalArgumentException.class, () -> new DecodeBudget(0));
        assertThrows(IllegalArgumentException.class, () -> DecodeBudget.fromHeap(0));
        assertThrows(IllegalArgumentException.class, () -> DecodeBudget.fromHeap(1.5));
    }
}
