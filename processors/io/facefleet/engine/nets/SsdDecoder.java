package io.facefleet.engine.nets;

import io.facefleet.engine.Detection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * face-api.js's detector post-processing: greedy NMS (IoU 0.5) on the unclipped normalised boxes,
 * then the mapping from the padded 512 square back to the original image's pixels.
 */
public final class SsdDecoder {

    private static final float IOU_THRESHOLD = 0.5f;

    private SsdDecoder() {
    }

    /**
     * @param out raw detector output for one image
     * @param width original image width (before the non-centred pad to a square)
     * @param height original image height
     */
    public static List<Detection> detections(SsdMobilenetV1.SsdOutput out, int width, int height,
                                             float minConfidence, int maxResults) {
        float[] scores = out.scores();
        Integer[] candidates = java.util.stream.IntStream.range(0, scores.length)
                .filter(i -> scores[i] > minConfidence).boxed().toArray(Integer[]::new);
        Arrays.sort(candidates, Comparator.comparingDouble((Integer i) -> scores[i]).reversed());
        List<Integer> kept = new ArrayList<>();
        for (int i : candidates) {
            if (kept.size() >= maxResults) {
                break;
            }
            boolean suppressed = false;
            for (int k : kept) {
                if (iou(out.boxes()[i], out.boxes()[k]) > IOU_THRESHOLD) {
                    suppressed = true;
                    break;
                }
            }
            if (!suppressed) {
                kept.add(i);
            }
        }
        int side = Math.max(width, height);
        float padX = (float) (SsdMobilenetV1.INPUT_SIZE / (double) Math.round((double) width * SsdMobilenetV1.INPUT_SIZE / side));
        float padY = (float) (SsdMobilenetV1.INPUT_SIZE / (double) Math.round((double) height * SsdMobilenetV1.INPUT_SIZE / side));
        List<Detection> result = new ArrayList<>(kept.size());
        for (int i : kept) {
            float[] b = out.boxes()[i];
            float top = Math.max(0f, b[0]) * padY;
            float left = Math.max(0f, b[1]) * padX;
            float bottom = Math.min(1f, b[2]) * padY;
            float right = Math.min(1f, b[3]) * padX;
            result.add(new Detection(left * width, top * height, (right - left) * width, (bottom - top) * height, scores[i]));
        }
        return result;
    }

    /** IoU of two [ymin, xmin, ymax, xmax] boxes, coordinates min/max-sorted first. */
    static float iou(float[] a, float[] b) {
        float ay0 = Math.min(a[0], a[2]);
        float ax0 = Math.min(a[1], a[3]);
        float ay1 = Math.max(a[0], a[2]);
        float ax1 = Math.max(a[1], a[3]);
        float by0 = Math.min(b[0], b[2]);
        float bx0 = Math.min(b[1], b[3]);
        float by1 = Math.max(b[0], b[2]);
        float bx1 = Math.max(b[1], b[3]);
        float areaA = (ay1 - ay0) * (ax1 - ax0);
        float areaB = (by1 - by0) * (bx1 - bx0);
        if (areaA <= 0 || areaB <= 0) {
            return 0f;
        }
        float iy0 = Math.max(ay0, by0);
        float ix0 = Math.max(ax0, bx0);
        float iy1 = Math.min(ay1, by1);
        float ix1 = Math.min(ax1, bx1);
        float inter = Math.max(iy1 - iy0, 0f) * Math.max(ix1 - ix0, 0f);
        return inter / (areaA + areaB - inter);
    }
}
