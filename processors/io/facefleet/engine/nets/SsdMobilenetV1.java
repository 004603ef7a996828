package io.facefleet.engine.nets;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.facefleet.engine.image.ImageOps;
import io.facefleet.engine.image.RgbImage;
import io.facefleet.engine.weights.WeightTensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * face-api.js's SSD MobileNet V1 face detector: MobileNet V1 backbone, six feature maps, box and
 * class heads, 5118 stored anchors. Input 512x512 RGB, or a smaller window of that input (a square or
 * a rectangle, sides multiples of {@link #INPUT_STEP}, anchors from {@link SsdAnchors#window}); output decoded boxes
 * (in the 512 input's 0..1) and face scores per anchor (NMS and mapping to the image are the
 * caller's: {@link SsdDecoder}).
 */
public final class SsdMobilenetV1 extends LoadedBlock {

    public static final int INPUT_SIZE = 512;
    public static final int ANCHORS = 5118;
    /** A window's side and origin are multiples of this: the backbone's output stride (layer 1's cells). */
    public static final int INPUT_STEP = 32;
    private static final float BN_EPSILON = 0.0010000000474974513f;
    private static final int[] DEPTHWISE_STRIDE = {0, 1, 2, 1, 2, 1, 2, 1, 1, 1, 1, 1, 2, 1};
    private static final int[] EXTRA_STRIDE = {1, 2, 1, 2, 1, 2, 1, 2};
    private static final int[] ANCHORS_PER_CELL = {3, 6, 6, 6, 6, 6};
    private static final float[] ZERO_MEAN = {0f, 0f, 0f};

    /** Raw output for one image: per anchor [ymin, xmin, ymax, xmax] (0..1 of the 512 input) and score. */
    public record SsdOutput(float[][] boxes, float[] scores) {
    }

    /**
     * A {@code width x height} rectangle of the 512 input at ({@code originX}, {@code originY}) px:
     * where the rest of the input is black padding, the pass on the window alone finds what the full
     * pass finds, for (width x height) / 512^2 of its cost. Side and origin multiples of
     * {@link #INPUT_STEP}.
     */
    public record Window(int width, int height, int originX, int originY) {

        public static final Window FULL = new Window(INPUT_SIZE, 0, 0);

        public Window {
            if (width <= 0 || height <= 0 || width % INPUT_STEP != 0 || height % INPUT_STEP != 0
                    || originX % INPUT_STEP != 0 || originY % INPUT_STEP != 0 || originX < 0 || originY < 0
                    || originX + width > INPUT_SIZE || originY + height > INPUT_SIZE) {
                throw new IllegalArgumentException("detector window " + width + "x" + height + " at " + originX + ","
                        + originY + " must lie in the 512 input, sides and origin multiples of " + INPUT_STEP);
            }
        }

        /** A {@code size x size} square window. */
        public Window(int size, int originX, int originY) {
            this(size, size, originX, originY);
        }

        public boolean full() {
            return width == INPUT_SIZE && height == INPUT_SIZE;
        }
    }

    private final NDArray conv0;
    private final NDArray conv0Bias;
    private final NDArray[] dw = new NDArray[14];
    private final NDArray[] dwBias = new NDArray[14];
    private final NDArray[] pw = new NDArray[14];
    private final NDArray[] pwBias = new NDArray[14];
    private final NDArray[] extra = new NDArray[8];
    private final NDArray[] extraBias = new NDArray[8];
    private final NDArray[] boxW = new NDArray[6];
    private final NDArray[] boxB = new NDArray[6];
    private final NDArray[] clsW = new NDArray[6];
    private final NDArray[] clsB = new NDArray[6];
    private final float[] anchors;
    /** Per window shape (width x height), its anchors at the input's origin; a window elsewhere shifts them. */
    private final Map<List<Integer>, float[]> windowAnchors = new ConcurrentHashMap<>();

    private SsdMobilenetV1(WeightArrays w) {
        String mb = "MobilenetV1/";
        conv0 = param("conv0", w.conv(mb + "Conv2d_0_pointwise/weights"));
        conv0Bias = param("conv0.bias", w.vector(mb + "Conv2d_0_pointwise/convolution_bn_offset"));
        for (int k = 1; k <= 13; k++) {
            String d = mb + "Conv2d_" + k + "_depthwise/";
            float[] gamma = w.values(d + "BatchNorm/gamma");
            float[] beta = w.values(d + "BatchNorm/beta");
            float[] mean = w.values(d + "BatchNorm/moving_mean");
            float[] var = w.values(d + "BatchNorm/moving_variance");
            // fold the BatchNorm into the depthwise filter: y = x * a + (beta - mean * a)
            float[] a = new float[gamma.length];
            float[] b = new float[gamma.length];
            for (int c = 0; c < a.length; c++) {
                a[c] = (float) (gamma[c] / Math.sqrt(var[c] + BN_EPSILON));
                b[c] = beta[c] - mean[c] * a[c];
            }
            dw[k] = param("dw" + k, w.depthwise(d + "depthwise_weights", a));
            dwBias[k] = param("dw" + k + ".bias", w.manager().create(b));
            String p = mb + "Conv2d_" + k + "_pointwise/";
            pw[k] = param("pw" + k, w.conv(p + "weights"));
            pwBias[k] = param("pw" + k + ".bias", w.vector(p + "convolution_bn_offset"));
        }
        for (int k = 0; k < 8; k++) {
            String p = "Prediction/Conv2d_" + k + "_pointwise/";
            extra[k] = param("extra" + k, w.conv(p + "weights"));
            extraBias[k] = param("extra" + k + ".bias", w.vector(p + "convolution_bn_offset"));
        }
        for (int i = 0; i < 6; i++) {
            String p = "Prediction/BoxPredictor_" + i + "/";
            boxW[i] = param("box" + i, w.conv(p + "BoxEncodingPredictor/weights"));
            boxB[i] = param("box" + i + ".bias", w.vector(p + "BoxEncodingPredictor/biases"));
            clsW[i] = param("class" + i, w.conv(p + "ClassPredictor/weights"));
            clsB[i] = param("class" + i + ".bias", w.vector(p + "ClassPredictor/biases"));
        }
        anchors = w.values("Output/extra_dim");
        if (anchors.length != ANCHORS * 4) {
            throw new IllegalArgumentException("expected " + ANCHORS + " anchors, got " + anchors.length / 4);
        }
    }

    /** Builds the detector from its tfjs tensors; arrays live in {@code manager}. */
    public static SsdMobilenetV1 create(NDManager manager, Map<String, WeightTensor> weights) {
        return new SsdMobilenetV1(new WeightArrays(weights, manager));
    }

    /** Forward pass on one 512x512 image. */
    public SsdOutput forwardRaw(RgbImage img512) {
        return forwardRaw(List.of(img512)).get(0);
    }

    /** Forward pass on a batch of 512x512 images, in one pass. */
    public List<SsdOutput> forwardRaw(List<RgbImage> images) {
        List<float[]> pixels = new ArrayList<>(images.size());
        for (RgbImage img : images) {
            if (img.width() != INPUT_SIZE || img.height() != INPUT_SIZE) {
                throw new IllegalArgumentException("detector input must be 512x512, got " + img.width() + "x" + img.height());
            }
            pixels.add(ImageOps.resizeBilinear(img, INPUT_SIZE));
        }
        return forwardPixels(pixels);
    }

    /** Forward pass on float HWC 512x512 inputs (0..255), as produced by {@link ImageOps#resizeBilinear}. */
    public List<SsdOutput> forwardPixels(List<float[]> pixels) {
        return forwardPixels(pixels, Window.FULL);
    }

    /** Forward pass on float HWC inputs (0..255) that are {@code window} of their 512 inputs. */
    public List<SsdOutput> forwardPixels(List<float[]> pixels, Window window) {
        int width = window.width();
        int height = window.height();
        float[] inputAnchors = window.full() ? anchors
                : windowAnchors.computeIfAbsent(List.of(width, height), shape -> SsdAnchors.window(width, height, 0, 0));
        // the window's origin, in the 512 input's 0..1 (0 for the full input: its stored anchors as they are)
        float shiftY = (float) window.originY() / INPUT_SIZE;
        float shiftX = (float) window.originX() / INPUT_SIZE;
        int count = inputAnchors.length / 4;
        int batch = pixels.size();
        for (float[] p : pixels) {
            if (p.length != width * height * 3) {
                throw new IllegalArgumentException("detector input must be " + width + "x" + height + " RGB");
            }
        }
        try (NDManager sub = conv0.getManager().newSubManager()) {
            long t0 = OpClock.start();
            NDArray x = OpClock.stop("input copy Java to native (NCHW pack)", t0,
                    nchw(sub, pixels, width, height, ZERO_MEAN, 1f / 127.5f, -1f));
            NDList out = forward(new ParameterStore(sub, false), new NDList(x), false);
            if (out.get(0).getShape().get(1) != count) {
                throw new IllegalStateException("detector gave " + out.get(0).getShape().get(1) + " boxes at input "
                        + width + "x" + height + ", its anchors are " + count);
            }
            t0 = OpClock.start();
            float[] loc = out.get(0).toFloatArray();
            float[] cls = OpClock.stop("output copy native to Java", t0, out.get(1).toFloatArray());
            t0 = OpClock.start();
            List<SsdOutput> results = new ArrayList<>(batch);
            for (int b = 0; b < batch; b++) {
                results.add(decode(loc, cls, b, inputAnchors, shiftY, shiftX));
            }
            return OpClock.stop("box decode (Java)", t0, results);
        }
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray input = inputs.singletonOrThrow();
        boolean rectangle = input.getShape().get(2) != input.getShape().get(3);
        NDArray x = relu6(TfConv.same(input, conv0, conv0Bias, 2, 1));
        NDArray f0 = null;
        for (int k = 1; k <= 13; k++) {
            long channels = x.getShape().get(1);
            x = relu6(TfConv.same(x, dw[k], dwBias[k], DEPTHWISE_STRIDE[k], (int) channels));
            x = relu6(TfConv.same(x, pw[k], pwBias[k], 1, 1));
            if (k == 11) {
                f0 = x;
            }
        }
        NDArray[] maps = new NDArray[6];
        maps[0] = f0;
        maps[1] = x;
        for (int k = 0; k < 8; k++) {
            if (rectangle && EXTRA_STRIDE[k] == 2) {
                x = onFullGrid(x);
            }
            x = relu6(TfConv.same(x, extra[k], extraBias[k], EXTRA_STRIDE[k], 1));
            if (k % 2 == 1) {
                maps[2 + k / 2] = x;
            }
        }
        NDList boxes = new NDList(6);
        NDList classes = new NDList(6);
        long batch = f0.getShape().get(0);
        for (int i = 0; i < 6; i++) {
            // NHWC order before reshaping: anchor index = (y * W + x) * A + a
            boxes.add(TfConv.same(maps[i], boxW[i], boxB[i], 1, 1).transpose(0, 2, 3, 1).reshape(batch, -1, 4));
            classes.add(TfConv.same(maps[i], clsW[i], clsB[i], 1, 1).transpose(0, 2, 3, 1).reshape(batch, -1, 3));
        }
        long t0 = OpClock.start();
        return OpClock.stop("head concat", t0, new NDList(NDArrays.concat(boxes, 1), NDArrays.concat(classes, 1)));
    }

    /**
     * A rectangular window's map with an odd side gets one more row (column) of zeros below (right
     * of) it before a stride-2 conv: TF 'same' pads an odd side on both ends, which would centre the
     * next map's cells half a cell earlier than the full input's (whose sides are even down to 1),
     * and the coarse layers' boxes would move (up to 24 px on a face filling a photo's height). With
     * the even side the next cells are the full input's, and their anchors the stored ones.
     */
    private static NDArray onFullGrid(NDArray x) {
        long padH = x.getShape().get(2) % 2;
        long padW = x.getShape().get(3) % 2;
        return padH == 0 && padW == 0 ? x : x.pad(new Shape(0, padW, 0, padH), 0);
    }

    /** Box-coder decoding (scale factors 10, 10, 5, 5) and sigmoid of the face logit. */
    private static SsdOutput decode(float[] loc, float[] cls, int b, float[] anchors, float shiftY, float shiftX) {
        int count = anchors.length / 4;
        float[][] boxes = new float[count][];
        float[] scores = new float[count];
        int lo = b * count * 4;
        int co = b * count * 3;
        for (int i = 0; i < count; i++) {
            float ay0 = anchors[i * 4] + shiftY;
            float ax0 = anchors[i * 4 + 1] + shiftX;
            float ay1 = anchors[i * 4 + 2] + shiftY;
            float ax1 = anchors[i * 4 + 3] + shiftX;
            float ha = ay1 - ay0;
            float wa = ax1 - ax0;
            float cya = ay0 + ha / 2;
            float cxa = ax0 + wa / 2;
            float cy = loc[lo + i * 4] / 10f * ha + cya;
            float cx = loc[lo + i * 4 + 1] / 10f * wa + cxa;
            float h = (float) Math.exp(loc[lo + i * 4 + 2] / 5f) * ha;
            float w = (float) Math.exp(loc[lo + i * 4 + 3] / 5f) * wa;
            boxes[i] = new float[] {cy - h / 2, cx - w / 2, cy + h / 2, cx + w / 2};
            scores[i] = (float) (1.0 / (1.0 + Math.exp(-cls[co + i * 3 + 1])));
        }
        return new SsdOutput(boxes, scores);
    }

    private static NDArray relu6(NDArray x) {
        return Ops.relu6(x);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        long batch = inputShapes[0].get(0);
        int count = SsdAnchors.count((int) inputShapes[0].get(3), (int) inputShapes[0].get(2));
        return new Shape[] {new Shape(batch, count, 4), new Shape(batch, count, 3)};
    }
}
