package io.facefleet.engine.nets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The two rewrites the engine profile led to compute what the ops they replace compute: the
 * separable max pooling exactly, the stride-2 depthwise conv without a padding copy within float
 * rounding (only the order of its sums differs), on even and odd sides.
 */
class OpsRewritesTest {

    private final NDManager manager = NDManager.newBaseManager("PyTorch");

    @AfterEach
    void close() {
        TfConv.explicitPadding = false;
        Ops.directMaxPool = false;
        manager.close();
    }

    @Test
    void separableMaxPoolIsPyTorchsMaxPool() {
        for (int side : new int[] {72, 35, 9}) {
            NDArray x = manager.randomNormal(new Shape(2, 5, side, side + 3));
            NDArray ours = Ops.maxPool(x, 3, 2);
            NDArray theirs = Ops.maxPoolDirect(x, 3, 2);
            assertEquals(theirs.getShape(), ours.getShape(), "side " + side);
            assertArrayEquals(theirs.toFloatArray(), ours.toFloatArray(), 0f, "side " + side);
        }
    }

    @Test
    void depthwiseStrideTwoWithoutPaddingCopyMatchesThePaddedOne() {
        for (int side : new int[] {256, 56, 7, 8}) {
            for (int stride : new int[] {1, 2}) {
                NDArray x = manager.randomNormal(new Shape(2, 4, side, side + 2));
                NDArray w = manager.randomNormal(new Shape(4, 1, 3, 3));
                NDArray b = manager.randomNormal(new Shape(4));
                TfConv.explicitPadding = true;
                NDArray padded = TfConv.same(x, w, b, stride, 4);
                TfConv.explicitPadding = false;
                NDArray shifted = TfConv.same(x, w, b, stride, 4);
                String what = "side " + side + " stride " + stride;
                assertEquals(padded.getShape(), shifted.getShape(), what);
                float gap = padded.sub(shifted).abs().max().getFloat();
                assertTrue(gap <= 1e-5f, what + ": gap " + gap);
            }
        }
    }
}
