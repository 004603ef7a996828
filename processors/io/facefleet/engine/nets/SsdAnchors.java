package io.facefleet.engine.nets;

import java.util.ArrayList;
import java.util.List;

/**
 * The detector's anchors, made as TensorFlow's object-detection API makes them for SSD MobileNet v1
 * (its {@code create_ssd_anchors} multiple-grid generator, in the 2017 form the stored 512 anchors
 * were made with): six layers with scales spaced evenly from 0.2 to 0.95, aspect ratios 1, 2, 1/2,
 * 3, 1/3 plus one box of ratio 1 between a layer's scale and the next one's (1.0 after the last),
 * the lowest layer reduced to three boxes (0.1 at 1, 0.2 at 2 and 1/2), one box set per cell of each
 * layer's feature map, centred at {@code offset + index * stride}. Computed in float32 as TensorFlow
 * does, boxes as [ymin, xmin, ymax, xmax], ordered by row, then column, then box: the order of the
 * box predictor's output.
 *
 * <p>{@link #generate(int)} is the generator with its default strides and offsets (1/grid and half
 * that), which at 512 gives the stored anchors. {@link #window} passes the generator explicit
 * strides and offsets instead: the anchors of a window (a square or a rectangle) cut out of the 512
 * input at an origin, in the 512 input's coordinates, so a pass on the window decodes to the same boxes the
 * full pass gives there (see docs/decisions.md for why not the defaults at the smaller size).
 */
public final class SsdAnchors {

    static final int LAYERS = 6;
    /** The detector's full input side, to which the stored anchors belong. */
    static final int FRAME = 512;
    private static final float MIN_SCALE = 0.2f;
    private static final float MAX_SCALE = 0.95f;
    private static final float[] ASPECT_RATIOS = {1f, 2f, 0.5f, 3f, 0.3333f};
    private static final float INTERPOLATED_RATIO = 1f;

    private SsdAnchors() {
    }

    /** The six feature-map sides of the detector along an input side of {@code inputSize} (each axis alone). */
    public static int[] gridSides(int inputSize) {
        int[] sides = new int[LAYERS];
        int s = inputSize;
        // conv0 and depthwise 2, 4, 6 halve (TF 'same': ceil): layer 0 is after depthwise 11,
        // layer 1 after depthwise 13 (depthwise 12 halves), layers 2-5 after each stride-2 extra
        for (int i = 0; i < 4; i++) {
            s = ceilHalf(s);
        }
        sides[0] = s;
        for (int i = 1; i < LAYERS; i++) {
            sides[i] = ceilHalf(sides[i - 1]);
        }
        return sides;
    }

    /** Boxes per cell on each layer: 3 on the reduced lowest layer, 6 elsewhere. */
    public static int boxesPerCell(int layer) {
        return specs(layer).size();
    }

    /** How many anchors an input of {@code inputSize} has. */
    public static int count(int inputSize) {
        return count(inputSize, inputSize);
    }

    /** How many anchors an input {@code width} wide and {@code height} high has. */
    public static int count(int width, int height) {
        return count(gridSides(height), gridSides(width));
    }

    private static int count(int[] rows, int[] columns) {
        int n = 0;
        for (int i = 0; i < LAYERS; i++) {
            n += rows[i] * columns[i] * boxesPerCell(i);
        }
        return n;
    }

    /** The generator's default anchors for a square input of {@code inputSize}, in its own 0..1. */
    public static float[] generate(int inputSize) {
        int[] sides = gridSides(inputSize);
        float[] strides = new float[LAYERS];
        float[] offsets = new float[LAYERS];
        for (int i = 0; i < LAYERS; i++) {
            // TF: stride = 1 / grid, offset = stride / 2
            strides[i] = 1f / sides[i];
            offsets[i] = 0.5f * strides[i];
        }
        return generate(sides, sides, strides, strides, offsets, offsets);
    }

    /**
     * The anchors of a {@code windowSize} square cut out of the 512 input at ({@code originX},
     * {@code originY}) px, in the 512 input's 0..1: each layer's cells are as many pixels apart as
     * the window's feature map has them, starting from the window's origin.
     */
    public static float[] window(int windowSize, int originX, int originY) {
        int[] sides = gridSides(windowSize);
        float[] strides = new float[LAYERS];
        float[] offsetsY = new float[LAYERS];
        float[] offsetsX = new float[LAYERS];
        for (int i = 0; i < LAYERS; i++) {
            strides[i] = (float) windowSize / sides[i] / FRAME;
            offsetsY[i] = (float) originY / FRAME + 0.5f * strides[i];
            offsetsX[i] = (float) originX / FRAME + 0.5f * strides[i];
        }
        return generate(sides, sides, strides, strides, offsetsY, offsetsX);
    }

    /**
     * The anchors of a {@code width x height} rectangle cut out of the 512 input at ({@code originX},
     * {@code originY}) px, in the 512 input's 0..1, for the network as it runs a rectangle (its odd
     * coarse maps made even before each stride-2 conv, {@link SsdMobilenetV1}): every layer's cells
     * are the full input's cells, so the generator gets a grid height and width per layer and the
     * full input's strides, offset to the window's origin. Where the origin lies on a layer's grid,
     * the window's anchors are the stored anchors of the cells it covers. A square window keeps
     * {@link #window(int, int, int)}'s strides.
     */
    public static float[] window(int width, int height, int originX, int originY) {
        if (width == height) {
            return window(width, originX, originY);
        }
        int[] full = gridSides(FRAME);
        int[] rows = gridSides(height);
        int[] columns = gridSides(width);
        float[] strides = new float[LAYERS];
        float[] offsetY = new float[LAYERS];
        float[] offsetX = new float[LAYERS];
        for (int i = 0; i < LAYERS; i++) {
            strides[i] = 1f / full[i];
            offsetY[i] = (float) originY / FRAME + 0.5f * strides[i];
            offsetX[i] = (float) originX / FRAME + 0.5f * strides[i];
        }
        return generate(rows, columns, strides, strides, offsetY, offsetX);
    }

    /** TF's tile_anchors per layer: centres {@code offset + index * stride}, sizes from the specs. */
    private static float[] generate(int[] rows, int[] columns, float[] strideY, float[] strideX,
                                    float[] offsetsY, float[] offsetsX) {
        float[] out = new float[count(rows, columns) * 4];
        int o = 0;
        for (int layer = 0; layer < LAYERS; layer++) {
            List<float[]> specs = specs(layer);
            for (int y = 0; y < rows[layer]; y++) {
                float cy = y * strideY[layer] + offsetsY[layer];
                for (int x = 0; x < columns[layer]; x++) {
                    float cx = x * strideX[layer] + offsetsX[layer];
                    for (float[] spec : specs) {
                        float ratioSqrt = (float) Math.sqrt(spec[1]);
                        float h = spec[0] / ratioSqrt;
                        float w = spec[0] * ratioSqrt;
                        out[o++] = cy - 0.5f * h;
                        out[o++] = cx - 0.5f * w;
                        out[o++] = cy + 0.5f * h;
                        out[o++] = cx + 0.5f * w;
                    }
                }
            }
        }
        return out;
    }

    /** (scale, aspect ratio) of each box of a cell on {@code layer}. */
    private static List<float[]> specs(int layer) {
        float scale = scale(layer);
        List<float[]> specs = new ArrayList<>();
        if (layer == 0) {
            specs.add(new float[] {0.1f, 1f});
            specs.add(new float[] {scale, 2f});
            specs.add(new float[] {scale, 0.5f});
            return specs;
        }
        float next = layer + 1 < LAYERS ? scale(layer + 1) : 1f;
        for (float ratio : ASPECT_RATIOS) {
            specs.add(new float[] {scale, ratio});
            // the 2017 generator the stored anchors come from puts the in-between box right after
            // the ratio-1 box; later TensorFlow releases append it after the last ratio instead
            if (ratio == INTERPOLATED_RATIO) {
                specs.add(new float[] {(float) Math.sqrt(scale * next), INTERPOLATED_RATIO});
            }
        }
        return specs;
    }

    private static float scale(int layer) {
        return MIN_SCALE + (MAX_SCALE - MIN_SCALE) * layer / (LAYERS - 1f);
    }

    private static int ceilHalf(int s) {
        return (s + 1) / 2;
    }
}
