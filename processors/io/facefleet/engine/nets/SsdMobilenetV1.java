package io.facefleet.engine.nets;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.facefleet.engine.image.ImageOps;
import io.facefleet.engine.image.RgbImage;
import io.facefleet.engine.weights.WeightTensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
    private static final int FIRST_EXTRA = 27;
    /**
     * Bytes of black contexts kept when the caller sets none (as application.properties): a photo's
     * rectangle's is 2.3-2.5 MB, a small image's 192 square's 1.0 MB, so several of each fit.
     */
    public static final long CONTEXT_BYTES_KEPT = 32L << 20;

    /**
     * What a window pass sees just outside its window: {@link #ZERO} is each conv's own zero
     * padding at the window's edge (the full pass sees the black margin's activations there);
     * {@link #BLACK} is what the full pass sees there when the input outside the window is black.
     */
    public enum WindowPadding {
        ZERO, BLACK;

        /** {@code black} or {@code zero} (any case); anything else is a clear error. */
        public static WindowPadding parse(String name) {
            for (WindowPadding p : values()) {
                if (p.name().equalsIgnoreCase(name == null ? "" : name.trim())) {
                    return p;
                }
            }
            throw new IllegalArgumentException("facefleet.engine.detector-window-padding must be black or zero, got " + name);
        }
    }

    /** A trunk conv: its weights, stride, and whether it is depthwise (one group per channel). */
    private record TrunkConv(NDArray w, NDArray bias, int stride, boolean depthwise) {

        int groups(NDArray x) {
            return depthwise ? (int) x.getShape().get(1) : 1;
        }

        /** A 1x1 conv has no padding, so no window border of its own. */
        boolean padded() {
            return w.getShape().get(2) > 1 || w.getShape().get(3) > 1;
        }
    }

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

        public boolean square() {
            return width == height;
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
    /** The trunk's convs in order: conv0 (0), depthwise k (k), pointwise k (13 + k), extra k (27 + k). */
    private final List<TrunkConv> trunk = new ArrayList<>();
    private final float[] anchors;
    /** Per window shape (width x height), its anchors at the input's origin; a window elsewhere shifts them. */
    private final Map<List<Integer>, float[]> windowAnchors = new ConcurrentHashMap<>();
    /** Per padded trunk conv, its input in the pass on an all-black 512 input, zero-padded (1 before, 2 after); made once. */
    private volatile NDArray[] blackInputs;
    /** Per window, per trunk conv, the black context's share of the conv's output (null: no padding). */
    private final Map<Window, BlackContext> contexts = new LinkedHashMap<>(16, 0.75f, true);
    /** Most bytes of {@code contexts}: the least recently used go first; the newest stays even alone above it. */
    private final long contextBytesKept;
    /** Bytes of {@code contexts} now; guarded by its lock. */
    private long contextBytes;
    /** True: contexts are kept and added over the whole map (the way before; for tests and the benchmark). */
    private boolean denseContexts;

    private SsdMobilenetV1(WeightArrays w, long contextBytesKept) {
        this.contextBytesKept = contextBytesKept;
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
        trunk.add(new TrunkConv(conv0, conv0Bias, 2, false));
        for (int k = 1; k <= 13; k++) {
            trunk.add(new TrunkConv(dw[k], dwBias[k], DEPTHWISE_STRIDE[k], true));
        }
        for (int k = 1; k <= 13; k++) {
            trunk.add(new TrunkConv(pw[k], pwBias[k], 1, false));
        }
        for (int k = 0; k < 8; k++) {
            trunk.add(new TrunkConv(extra[k], extraBias[k], EXTRA_STRIDE[k], false));
        }
        anchors = w.values("Output/extra_dim");
        if (anchors.length != ANCHORS * 4) {
            throw new IllegalArgumentException("expected " + ANCHORS + " anchors, got " + anchors.length / 4);
        }
    }

    /** Builds the detector from its tfjs tensors; arrays live in {@code manager}. */
    public static SsdMobilenetV1 create(NDManager manager, Map<String, WeightTensor> weights) {
        return create(manager, weights, CONTEXT_BYTES_KEPT);
    }

    /** As {@link #create(NDManager, Map)}, keeping at most {@code contextBytesKept} bytes of window black contexts. */
    public static SsdMobilenetV1 create(NDManager manager, Map<String, WeightTensor> weights, long contextBytesKept) {
        if (contextBytesKept < 0) {
            throw new IllegalArgumentException("black context bytes kept must be 0 or more, got " + contextBytesKept);
        }
        return new SsdMobilenetV1(new WeightArrays(weights, manager), contextBytesKept);
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

    /** Forward pass on float HWC inputs (0..255) that are {@code window} of their 512 inputs, zero-padded. */
    public List<SsdOutput> forwardPixels(List<float[]> pixels, Window window) {
        return forwardPixels(pixels, window, WindowPadding.ZERO);
    }

    /**
     * Forward pass on float HWC inputs (0..255) that are {@code window} of their 512 inputs, the
     * rest of which is black; {@code padding} says what each conv sees beyond the window's edge.
     */
    public List<SsdOutput> forwardPixels(List<float[]> pixels, Window window, WindowPadding padding) {
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
        // the full input has no window edge: its pass is the plain one, whatever the padding
        BlackContext context = window.full() || padding == WindowPadding.ZERO ? null : blackContext(window);
        try (NDManager sub = conv0.getManager().newSubManager()) {
            long t0 = OpClock.start();
            NDArray x = OpClock.stop("input copy Java to native (NCHW pack)", t0,
                    nchw(sub, pixels, width, height, ZERO_MEAN, 1f / 127.5f, -1f));
            NDList out = context == null ? forward(new ParameterStore(sub, false), new NDList(x), false)
                    : layers(x, context.perConv, null);
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
        } finally {
            if (context != null) {
                context.release();
            }
        }
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        return layers(inputs.singletonOrThrow(), null, null);
    }

    /**
     * The net on an NCHW input. {@code context}: per conv index, what to add to that conv's output
     * (its window border's share of the black input around the window), or null for none;
     * {@code blackInputs}: where to keep every padded conv's input (the black pass), or null.
     */
    private NDList layers(NDArray input, ContextBands[] context, NDArray[] blackInputs) {
        // a rectangular window (photos) keeps the full input's cells on its coarse maps (onFullGrid)
        boolean rectangle = input.getShape().get(2) != input.getShape().get(3);
        NDArray x = conv(0, input, context, blackInputs);
        NDArray f0 = null;
        for (int k = 1; k <= 13; k++) {
            x = conv(k, x, context, blackInputs);
            x = conv(13 + k, x, context, blackInputs);
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
            x = conv(FIRST_EXTRA + k, x, context, blackInputs);
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

    /** Trunk conv {@code i} (TF 'same', ReLU6), its window correction added before the ReLU6. */
    private NDArray conv(int i, NDArray x, ContextBands[] context, NDArray[] blackInputs) {
        TrunkConv c = trunk.get(i);
        if (blackInputs != null && c.padded()) {
            // the black pass's map around which windows are cut, with TF's zero padding of the 512
            // input (a second zero row and column at the end: a rectangle's evened map may reach it)
            blackInputs[i] = x.pad(new Shape(1, 2, 1, 2), 0);
            blackInputs[i].attach(conv0.getManager());
        }
        NDArray y = TfConv.same(x, c.w(), c.bias(), c.stride(), c.groups(x));
        if (context != null && context[i] != null) {
            long t0 = OpClock.start();
            y = OpClock.stop("black-context border add", t0, context[i].addTo(y));
        }
        return relu6(y);
    }

    /**
     * The black context of {@code window}, counted as in use until released: per trunk conv, what
     * the black input outside the window adds to the conv's output on it (null for a 1x1 conv). A
     * conv is linear: on the window's map padded with the black pass's values just outside it
     * (TF's zeros where the 512 input ends) it gives its output on the zero-padded map plus its
     * output on that ring alone, without bias. That second term depends only on the weights and
     * the window, so it is made once per window and added (no padding copy per pass).
     */
    private BlackContext blackContext(Window window) {
        synchronized (contexts) {
            BlackContext kept = contexts.get(window);
            if (kept == null) {
                kept = makeContext(window, denseContexts);
                contexts.put(window, kept);
                contextBytes += kept.bytes;
                // least recently used first; the new one (last) stays
                while (contextBytes > contextBytesKept && contexts.size() > 1) {
                    Map.Entry<Window, BlackContext> eldest = contexts.entrySet().iterator().next();
                    contexts.remove(eldest.getKey());
                    contextBytes -= eldest.getValue().bytes;
                    eldest.getValue().evict();
                }
            }
            kept.users++;
            return kept;
        }
    }

    /** Keeps the black contexts made from now on over their whole maps ({@code true}, as before) or as bands; drops those kept. */
    void denseContexts(boolean on) {
        synchronized (contexts) {
            denseContexts = on;
            for (BlackContext c : contexts.values()) {
                c.evict();
            }
            contexts.clear();
            contextBytes = 0;
        }
    }

    /** Bytes of {@code window}'s black context (made now if it is not kept). */
    public long blackContextBytes(Window window) {
        BlackContext context = blackContext(window);
        try {
            return context.bytes;
        } finally {
            context.release();
        }
    }

    /** Bytes of the black contexts kept now. */
    public long keptContextBytes() {
        synchronized (contexts) {
            return contextBytes;
        }
    }

    /** The windows whose black contexts are kept now. */
    public List<Window> keptContextWindows() {
        synchronized (contexts) {
            return List.copyOf(contexts.keySet());
        }
    }

    /** The per-conv black context of {@code window}, in a manager of its own. */
    private BlackContext makeContext(Window window, boolean dense) {
        NDArray[] black = blackPass();
        NDManager manager = conv0.getManager().newSubManager();
        ContextBands[] perConv = new ContextBands[trunk.size()];
        // each conv's map (rows x columns) on the window; the pointwise convs (stride 1) come in
        // between in the pass but change no side, so index order gives every padded conv its map
        int rows = window.height();
        int columns = window.width();
        for (int i = 0; i < trunk.size(); i++) {
            TrunkConv c = trunk.get(i);
            if (c.padded()) {
                // a rectangle's odd map gets a row (column) of zeros before a stride-2 extra conv
                // (layers, onFullGrid): that row is outside the window, so the ring holds it too
                boolean evened = !window.square() && i >= FIRST_EXTRA && c.stride() == 2;
                int convRows = evened ? rows + rows % 2 : rows;
                int convColumns = evened ? columns + columns % 2 : columns;
                perConv[i] = ring(black[i], c, new MapCut(rows, columns, convRows, convColumns), window, dense, manager);
            }
            rows = (rows + c.stride() - 1) / c.stride();
            columns = (columns + c.stride() - 1) / c.stride();
        }
        return new BlackContext(manager, perConv);
    }

    /**
     * One window's black context; a context evicted while passes still use it is closed when the
     * last of them ends. Its counts are guarded by the lock on {@code contexts}.
     */
    private final class BlackContext {

        final NDManager manager;
        final ContextBands[] perConv;
        final long bytes;
        int users;
        boolean evicted;

        BlackContext(NDManager manager, ContextBands[] perConv) {
            this.manager = manager;
            this.perConv = perConv;
            long n = 0;
            for (ContextBands b : perConv) {
                if (b != null) {
                    n += b.bytes();
                }
            }
            this.bytes = n;
        }

        void evict() {
            evicted = true;
            closeIfUnused();
        }

        void release() {
            synchronized (contexts) {
                users--;
                closeIfUnused();
            }
        }

        private void closeIfUnused() {
            if (evicted && users == 0) {
                manager.close();
            }
        }
    }

    /**
     * A conv's input on the window: {@code rows x columns} cells of the window itself, in a map of
     * {@code convRows x convColumns} as the conv gets it (larger by the zeros a rectangle's odd map
     * gets at its end before a stride-2 extra conv).
     */
    private record MapCut(int rows, int columns, int convRows, int convColumns) {
    }

    /** Conv {@code c}'s output on the black ring around its window map {@code cut}, its non-zero bands in {@code keep}. */
    private static ContextBands ring(NDArray blackPadded, TrunkConv c, MapCut cut, Window window, boolean dense,
                                     NDManager keep) {
        int full = (int) blackPadded.getShape().get(2) - 3;
        int stride = INPUT_SIZE / full;
        // where the window's map starts in this layer's full map (a cell of a deep layer may
        // straddle the window's origin: its cell there is the nearest one before)
        int oy = window.originY() / stride;
        int ox = window.originX() / stride;
        long kh = c.w().getShape().get(2);
        long kw = c.w().getShape().get(3);
        int padH = (int) TfConv.padTotal(cut.convRows(), kh, c.stride());
        int padW = (int) TfConv.padTotal(cut.convColumns(), kw, c.stride());
        int top = padH / 2;
        int left = padW / 2;
        try (NDManager scratch = keep.newSubManager()) {
            // blackPadded's index is the map's + 1: its zero row and column stand for TF's padding
            NDArray view = blackPadded.get(new NDIndex("..., {}:{}, {}:{}", oy - top + 1,
                    oy + cut.convRows() + padH - top + 1, ox - left + 1, ox + cut.convColumns() + padW - left + 1));
            view.attach(scratch);
            NDArray crop = view.duplicate();
            // the window's own cells are the pass's; everything around them is the ring
            crop.set(new NDIndex("..., {}:{}, {}:{}", top, top + cut.rows(), left, left + cut.columns()), 0f);
            NDArray noBias = scratch.zeros(c.bias().getShape());
            int groups = c.depthwise() ? (int) crop.getShape().get(1) : 1;
            NDArray out = Conv2d.conv2d(crop, c.w(), noBias, new Shape(c.stride(), c.stride()), new Shape(0, 0),
                    new Shape(1, 1), groups).singletonOrThrow();
            if (dense) {
                out.attach(keep);
                return ContextBands.whole(out);
            }
            // the rest is exactly zero: only the bands are copied into keep, the whole output goes with scratch
            return ContextBands.of(out, top, left, cut.rows(), cut.columns(), kh, kw, c.stride(), keep);
        }
    }

    /** The pass on an all-black 512 input, made once: every padded trunk conv's input, zero-padded (1 before, 2 after). */
    private NDArray[] blackPass() {
        NDArray[] black = blackInputs;
        if (black == null) {
            black = new NDArray[trunk.size()];
            try (NDManager sub = conv0.getManager().newSubManager()) {
                float[] pixels = new float[INPUT_SIZE * INPUT_SIZE * 3];
                layers(nchw(sub, List.of(pixels), INPUT_SIZE, INPUT_SIZE, ZERO_MEAN, 1f / 127.5f, -1f), null, black);
            }
            blackInputs = black;
        }
        return black;
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
