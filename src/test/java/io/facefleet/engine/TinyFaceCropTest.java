package io.facefleet.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.facefleet.engine.image.RgbImage;
import org.junit.jupiter.api.Test;

/** The tiny-face crop's geometry on made-up landmarks: kept when plausible, held to the box when not. */
class TinyFaceCropTest {

    /** A 20x25 box at (100, 100): centre (110, 112.5), expected crop centre 2.5 px lower. */
    private static final Detection BOX = new Detection(100, 100, 20, 25, 0.9f);

    /**
     * 68 points whose eyes sit at (lx, ey) and (rx, ey) and mouth at (mx, my); the rest at the mouth
     * (face-api's square reads only eyes 36-47 and mouth 48-67).
     */
    private static float[][] landmarks(float lx, float rx, float ey, float mx, float my) {
        float[][] p = new float[68][];
        for (int i = 0; i < 68; i++) {
            p[i] = i >= 36 && i < 42 ? new float[] {lx, ey} : i >= 42 && i < 48 ? new float[] {rx, ey} : new float[] {mx, my};
        }
        return p;
    }

    @Test
    void plausibleLandmarksKeepFaceApisSquare() {
        // eye-mouth distance 10 px: side 10 / 0.45 = 22.2 px, 0.89 of the height
        float[][] p = landmarks(106, 114, 110, 110, 110 + (float) Math.sqrt(100 - 16));
        double[] faceApi = TinyFaceCrop.landmarkSquare(p);
        assertEquals(22.22, faceApi[2], 0.01);
        assertArrayEquals(faceApi, TinyFaceCrop.square(BOX, p), 1e-9);
    }

    @Test
    void collapsedLandmarksAreHeldToTheBox() {
        // eye-mouth distance 3 px: face-api's square would be 6.7 px wide, a quarter of the face
        float[][] p = landmarks(109, 111, 112, 110, 115);
        double[] sq = TinyFaceCrop.square(BOX, p);
        assertEquals(TinyFaceCrop.MIN_SIDE * 25, sq[2], 1e-9);
        // the centre stays within MAX_SHIFT of the box centre moved down by CENTRE_DROP
        double cx = sq[0] + sq[2] / 2;
        double cy = sq[1] + sq[2] / 2;
        assertTrue(Math.abs(cx - 110) <= TinyFaceCrop.MAX_SHIFT * 20 + 1e-9, "cx " + cx);
        assertTrue(Math.abs(cy - (112.5 + TinyFaceCrop.CENTRE_DROP * 25)) <= TinyFaceCrop.MAX_SHIFT * 25 + 1e-9, "cy " + cy);
    }

    @Test
    void landmarksFarOffTheBoxAreHeldToItsEdge() {
        // a square 40 px away to the right and 2x the face: side and centre both clamped
        float[][] p = landmarks(146, 154, 110, 150, 135);
        double[] sq = TinyFaceCrop.square(BOX, p);
        assertEquals(TinyFaceCrop.MAX_SIDE * 25, sq[2], 1e-9);
        assertEquals(110 + TinyFaceCrop.MAX_SHIFT * 20, sq[0] + sq[2] / 2, 1e-9);
    }

    @Test
    void appliesOnlyBelowTheHeightAndNeverAtZero() {
        assertTrue(TinyFaceCrop.applies(BOX, 48));
        assertFalse(TinyFaceCrop.applies(BOX, 25));
        assertFalse(TinyFaceCrop.applies(BOX, 0));
    }

    @Test
    void theSampleOfAWholeImageAtItsOwnSizeIsThatImage() {
        byte[] rgb = new byte[150 * 150 * 3];
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = (byte) (i * 7);
        }
        float[] out = TinyFaceCrop.sample(new RgbImage(150, 150, rgb), 0, 0, 150, 150);
        for (int i = 0; i < rgb.length; i++) {
            assertEquals(rgb[i] & 0xff, out[i], 1e-4, "value " + i);
        }
        // outside the image is black, as the net's padding
        float[] outside = TinyFaceCrop.sample(new RgbImage(150, 150, rgb), 1000, 1000, 150, 150);
        assertEquals(0f, outside[0]);
    }
}
