package io.facefleet.engine;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import io.facefleet.engine.batch.BatchStats;
import io.facefleet.engine.batch.Batcher;
import io.facefleet.engine.image.ImageOps;
import io.facefleet.engine.image.RgbImage;
import io.facefleet.engine.nets.AgeGenderNet;
import io.facefleet.engine.nets.FaceExpressionNet;
import io.facefleet.engine.nets.FaceLandmark68Net;
import io.facefleet.engine.nets.FaceRecognitionNet;
import io.facefleet.engine.nets.SsdDecoder;
import io.facefleet.engine.nets.SsdMobilenetV1;
import io.facefleet.engine.weights.ModelFiles;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The face pipeline: detect → 68 landmarks → aligned crop → 128-D descriptor. Thread-safe: the
 * nets are read-only after loading. Detection runs on the caller's thread; the landmark and
 * recognition nets each run on a batcher thread that gathers the faces of all concurrent callers
 * into one forward pass. The attribute nets (age/gender, expression) run only for the faces of a
 * request that asks for them ({@link #analyze(RgbImage, Set)}).
 */
public final class FaceEngine implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FaceEngine.class);

    private final EngineConfig config;
    private final NDManager manager;
    private final SsdMobilenetV1 detector;
    private final FaceLandmark68Net landmarkNet;
    private final FaceRecognitionNet recognitionNet;
    private final Batcher<float[], float[]> landmarkBatcher;
    private final Batcher<float[], float[]> descriptorBatcher;
    private final AgeGenderNet ageGenderNet;
    private final FaceExpressionNet expressionNet;
    private final AttributeEstimator attributes;

    private FaceEngine(EngineConfig config) {
        this.config = config;
        Device device = device(config.device());
        this.manager = NDManager.newBaseManager(device, "PyTorch");
        ModelFiles models = config.models();
        long t0 = System.nanoTime();
        try {
            this.detector = SsdMobilenetV1.create(manager, models.load(ModelFiles.DETECTOR), config.detectorContextBytes());
            this.landmarkNet = FaceLandmark68Net.create(manager, models.load(ModelFiles.LANDMARKS));
            this.recognitionNet = FaceRecognitionNet.create(manager, models.load(ModelFiles.RECOGNITION));
            this.ageGenderNet = AgeGenderNet.create(manager, models.load(ModelFiles.AGE_GENDER));
            this.expressionNet = FaceExpressionNet.create(manager, models.load(ModelFiles.EXPRESSION));
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
        LOG.info("face engine loaded from {} on {} in {} ms", models.describe(), device,
                (System.nanoTime() - t0) / 1_000_000);
        this.landmarkBatcher = new Batcher<>("landmarks", in -> Arrays.asList(landmarkNet.forwardPixels(in)),
                config.maxBatch(), config.batchWaitMillis());
        this.descriptorBatcher = new Batcher<>("descriptors", in -> Arrays.asList(recognitionNet.forwardPixels(in)),
                config.maxBatch(), config.batchWaitMillis());
        this.attributes = new AttributeEstimator(ageGenderNet, expressionNet, config.maxBatch(), config.batchWaitMillis());
    }

    /** Loads the five nets; a missing or corrupt model file fails here with a clear message. */
    public static FaceEngine load(EngineConfig config) {
        return new FaceEngine(config);
    }

    private static Device device(String name) {
        boolean cpu = name == null || name.isBlank() || "cpu".equalsIgnoreCase(name);
        if (cpu || "gpu".equalsIgnoreCase(name)) {
            // before DJL loads PyTorch: what is missing or mismatched, named, instead of a silent CPU
            TorchNativeCheck.verify(cpu ? "cpu" : "gpu");
        }
        if (cpu) {
            return Device.cpu();
        }
        if (!"gpu".equalsIgnoreCase(name)) {
            throw new IllegalArgumentException("facefleet.engine.device must be cpu or gpu, got " + name);
        }
        if (Engine.getEngine("PyTorch").getGpuCount() == 0) {
            throw new IllegalStateException("facefleet.engine.device=gpu but PyTorch (libtorch in "
                    + ai.djl.pytorch.jni.LibUtils.getLibtorchPath() + ") sees no CUDA device: check the NVIDIA driver"
                    + " (nvidia-smi) and CUDA_VISIBLE_DEVICES, or use cpu (README, GPU)");
        }
        return Device.gpu();
    }

    public EngineConfig config() {
        return config;
    }

    /** Every face in the image: box and score, in the image's pixels. */
    public List<Detection> detect(RgbImage img) {
        Padded p = padSmall(img);
        List<Detection> found = detectPadded(p);
        List<Detection> out = new ArrayList<>(found.size());
        for (Detection d : found) {
            out.add(p.unpad(d));
        }
        return out;
    }

    /** Every face in the image with its landmarks, descriptor and quality (on the unpadded image). */
    public List<Face> analyze(RgbImage img) {
        Padded p = padSmall(img);
        RgbImage image = p.image();
        List<Detection> detections = detectPadded(p);
        List<FaceAligner.Rect> crops = new ArrayList<>(detections.size());
        List<CompletableFuture<float[]>> landmarkOut = new ArrayList<>(detections.size());
        for (Detection d : detections) {
            FaceAligner.Rect r = FaceAligner.landmarkRect(d, image);
            crops.add(r);
            landmarkOut.add(r == null ? null : landmarkBatcher.submit(FaceAligner.landmarkInput(image, r)));
        }
        List<float[][]> landmarks = new ArrayList<>(detections.size());
        List<CompletableFuture<float[]>> descriptorOut = new ArrayList<>(detections.size());
        for (int i = 0; i < detections.size(); i++) {
            if (crops.get(i) == null) {
                landmarks.add(new float[68][2]);
                descriptorOut.add(null);
                continue;
            }
            float[][] points = FaceAligner.decodeLandmarks(join(landmarkOut.get(i)), crops.get(i), detections.get(i));
            landmarks.add(points);
            float[] input = DescriptorCrop.input(image, detections.get(i), points, crops.get(i), config.tinyFaceHeight());
            descriptorOut.add(input == null ? null : descriptorBatcher.submit(input));
        }
        List<Face> faces = new ArrayList<>(detections.size());
        for (int i = 0; i < detections.size(); i++) {
            CompletableFuture<float[]> f = descriptorOut.get(i);
            // an empty crop has no descriptor: face-api returns a zero vector
            float[] descriptor = f == null ? new float[FaceRecognitionNet.DESCRIPTOR_SIZE] : join(f);
            Detection box = p.unpad(detections.get(i));
            float[][] points = p.unpad(landmarks.get(i));
            faces.add(new Face(box, points, descriptor, FaceQuality.measure(img, box, points)));
        }
        return faces;
    }

    /**
     * {@link #analyze(RgbImage)} plus the asked attributes of every face; asking for none runs no
     * attribute net and returns the faces as they are.
     */
    public List<Face> analyze(RgbImage img, Set<Attribute> asked) {
        List<Face> faces = analyze(img);
        if (asked.isEmpty() || faces.isEmpty()) {
            return faces;
        }
        List<float[][]> points = new ArrayList<>(faces.size());
        faces.forEach(f -> points.add(f.landmarks()));
        List<FaceAttributes> found = attributes.estimate(img, points, asked, FaceEngine::join);
        List<Face> out = new ArrayList<>(faces.size());
        for (int i = 0; i < faces.size(); i++) {
            out.add(faces.get(i).withAttributes(found.get(i)));
        }
        return out;
    }

    /** Whether an enrolment of this face keeps another descriptor than its own ({@link TinyEnrolment}: a tiny face, the setting on). */
    public boolean enrolsApart(Face face) {
        return TinyEnrolment.applies(face.detection(), config);
    }

    /**
     * The descriptor an enrolment of {@code face} keeps; {@code img} is the image {@link #analyze}
     * found it in. A tiny face (the setting on) keeps the mean of its own descriptor and that of the
     * square from its box alone ({@link TinyEnrolment}); any other face its own descriptor.
     */
    public float[] enrolmentDescriptor(RgbImage img, Face face) {
        if (!enrolsApart(face)) {
            return face.descriptor();
        }
        float[] box = join(descriptorBatcher.submit(TinyEnrolment.boxInput(img, face.detection())));
        return TinyEnrolment.mean(face.descriptor(), box);
    }

    /** Descriptors of already aligned face images (any size: centred pad and resize to 150). */
    public float[][] describeAligned(List<RgbImage> faces) {
        List<CompletableFuture<float[]>> out = new ArrayList<>(faces.size());
        for (RgbImage f : faces) {
            out.add(descriptorBatcher.submit(ImageOps.resizeBilinear(ImageOps.padToSquare(f, true),
                    FaceRecognitionNet.INPUT_SIZE)));
        }
        float[][] result = new float[faces.size()][];
        for (int i = 0; i < result.length; i++) {
            result[i] = join(out.get(i));
        }
        return result;
    }

    /** The nets themselves, for benchmarks and parity tests of a single net. */
    public SsdMobilenetV1 detector() {
        return detector;
    }

    public FaceLandmark68Net landmarkNet() {
        return landmarkNet;
    }

    public FaceRecognitionNet recognitionNet() {
        return recognitionNet;
    }

    public AgeGenderNet ageGenderNet() {
        return ageGenderNet;
    }

    public FaceExpressionNet expressionNet() {
        return expressionNet;
    }

    /** Batch statistics per batched stage: landmarks, descriptors, age-gender, expressions. */
    public List<BatchStats> batchStats() {
        List<BatchStats> all = new ArrayList<>(List.of(landmarkBatcher.stats(), descriptorBatcher.stats()));
        all.addAll(attributes.stats());
        return List.copyOf(all);
    }

    private List<Detection> detectPadded(Padded p) {
        RgbImage img = p.image();
        // the image padded to a square with black right or below (never copied: see resizeBilinearPadded)
        int side = Math.max(img.width(), img.height());
        // only the part of the 512 input that holds the image's pixels (and a margin) is run: a
        // small image costs in proportion to its pixels, a photo skips the rows of padding below it
        double f = (double) SsdMobilenetV1.INPUT_SIZE / side;
        SsdMobilenetV1.Window window = DetectorWindow.around(p.offX() * f, p.offY() * f,
                (p.offX() + p.width()) * f, (p.offY() + p.height()) * f, config.detectorWindowMargin(),
                config.detectorWindowPadding());
        float[] input = ImageOps.resizeBilinearPadded(img, SsdMobilenetV1.INPUT_SIZE, window.originX(), window.originY(),
                window.width(), window.height());
        // on the caller's thread: on a CPU a batch of detector inputs runs no faster per image,
        // and one batcher thread would serialise every detection onto one core
        SsdMobilenetV1.SsdOutput out = detector.forwardPixels(List.of(input), window, config.detectorWindowPadding()).get(0);
        return SsdDecoder.detections(out, img.width(), img.height(), config.minConfidence(), config.maxResults());
    }

    /** A small image padded into a larger black square, and the way back to its coordinates. */
    private record Padded(RgbImage image, int offX, int offY, int width, int height) {

        Detection unpad(Detection d) {
            if (offX == 0 && offY == 0) {
                return d;
            }
            float x0 = Math.max(0, d.x() - offX);
            float y0 = Math.max(0, d.y() - offY);
            float x1 = Math.min(width, d.x() + d.width() - offX);
            float y1 = Math.min(height, d.y() + d.height() - offY);
            return new Detection(x0, y0, Math.max(0, x1 - x0), Math.max(0, y1 - y0), d.score());
        }

        float[][] unpad(float[][] points) {
            for (float[] pt : points) {
                pt[0] -= offX;
                pt[1] -= offY;
            }
            return points;
        }
    }

    private Padded padSmall(RgbImage img) {
        int side = config.smallImageSide();
        if (Math.max(img.width(), img.height()) >= side) {
            return new Padded(img, 0, 0, img.width(), img.height());
        }
        int offX = (side - img.width()) / 2;
        int offY = (side - img.height()) / 2;
        byte[] out = new byte[side * side * 3];
        for (int y = 0; y < img.height(); y++) {
            System.arraycopy(img.rgb(), y * img.width() * 3, out, ((y + offY) * side + offX) * 3, img.width() * 3);
        }
        return new Padded(new RgbImage(side, side, out), offX, offY, img.width(), img.height());
    }

    private static <T> T join(CompletableFuture<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the face engine", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException("face engine failed: " + c, c);
        }
    }

    @Override
    public void close() {
        landmarkBatcher.close();
        descriptorBatcher.close();
        attributes.close();
        manager.close();
    }
}
