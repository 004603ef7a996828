package io.facefleet.engine;

import io.facefleet.engine.nets.SsdMobilenetV1;
import io.facefleet.engine.nets.SsdMobilenetV1.WindowPadding;
import io.facefleet.engine.weights.ModelFiles;

/**
 * Settings of the face engine.
 *
 * @param models where the weights come from
 * @param device {@code cpu} or {@code gpu} (needs a local CUDA libtorch: {@link TorchNativeCheck})
 * @param minConfidence detector score threshold (strictly above)
 * @param maxResults most faces kept per image
 * @param smallImageSide an image whose longer side is below this is zero-padded, centred, to this
 *     square first: the detector misses faces that fill a tiny image once it is blown up to 512
 * @param maxBatch most net inputs run in one forward pass
 * @param batchWaitMillis longest wait for a batch to fill after its first input
 * @param tinyFaceHeight a face whose detection box is lower than this (px) gets its recognition crop
 *     held to what the box allows, as its landmarks are unreliable at that size ({@link TinyFaceCrop});
 *     0 = always from the landmarks, as face-api does
 * @param detectorWindowMargin the detector runs only on the rectangle of its 512 input that holds the
 *     image's own pixels and this many px of its black padding around them (sides multiples of 32);
 *     negative = always the whole 512 input, as face-api does
 * @param detectorWindowPadding what the window pass's convs see beyond the window's edge: the
 *     activations the full pass has there over the black padding ({@code BLACK}), or zeros
 * @param detectorContextBytes most bytes of window black contexts the detector keeps (least
 *     recently used dropped first; the newest is kept even alone above it)
 * @param tinyFaceEnrolmentMean a tiny face that is enrolled keeps the mean of the descriptors of its
 *     recognition crop and of a square from its detection box alone ({@link TinyEnrolment}), so one
 *     enrolment photo's unreliable landmarks do not fix the example; queries are described as before
 */
public record EngineConfig(ModelFiles models, String device, float minConfidence, int maxResults,
                           int smallImageSide, int maxBatch, long batchWaitMillis, int tinyFaceHeight,
                           int detectorWindowMargin, WindowPadding detectorWindowPadding, long detectorContextBytes,
                           boolean tinyFaceEnrolmentMean) {

    /** The default of {@link #tinyFaceHeight}, as in application.properties. */
    public static final int TINY_FACE_HEIGHT = 48;
    /** The default of {@link #detectorWindowMargin}, as in application.properties. */
    public static final int DETECTOR_WINDOW_MARGIN = 32;
    /** The default of {@link #detectorWindowPadding}, as in application.properties. */
    public static final WindowPadding DETECTOR_WINDOW_PADDING = WindowPadding.BLACK;
    /** The default of {@link #detectorContextBytes}, as in application.properties. */
    public static final long DETECTOR_CONTEXT_BYTES = SsdMobilenetV1.CONTEXT_BYTES_KEPT;
    /** The default of {@link #tinyFaceEnrolmentMean}, as in application.properties. */
    public static final boolean TINY_FACE_ENROLMENT_MEAN = true;

    public EngineConfig {
        if (detectorWindowPadding == null) {
            throw new IllegalArgumentException("detector window padding must be black or zero");
        }
        if (detectorContextBytes < 0) {
            throw new IllegalArgumentException("facefleet.engine.detector-context-bytes must be 0 or more, got "
                    + detectorContextBytes);
        }
    }

    /** The settings before the tiny-face enrolment mean, with its default. */
    public EngineConfig(ModelFiles models, String device, float minConfidence, int maxResults,
                        int smallImageSide, int maxBatch, long batchWaitMillis, int tinyFaceHeight,
                        int detectorWindowMargin, WindowPadding detectorWindowPadding, long detectorContextBytes) {
        this(models, device, minConfidence, maxResults, smallImageSide, maxBatch, batchWaitMillis, tinyFaceHeight,
                detectorWindowMargin, detectorWindowPadding, detectorContextBytes, TINY_FACE_ENROLMENT_MEAN);
    }

    /** The settings before the black contexts were bounded by bytes, with its default. */
    public EngineConfig(ModelFiles models, String device, float minConfidence, int maxResults,
                        int smallImageSide, int maxBatch, long batchWaitMillis, int tinyFaceHeight,
                        int detectorWindowMargin, WindowPadding detectorWindowPadding) {
        this(models, device, minConfidence, maxResults, smallImageSide, maxBatch, batchWaitMillis, tinyFaceHeight,
                detectorWindowMargin, detectorWindowPadding, DETECTOR_CONTEXT_BYTES);
    }

    /** The settings before the black-context window padding, with its default. */
    public EngineConfig(ModelFiles models, String device, float minConfidence, int maxResults,
                        int smallImageSide, int maxBatch, long batchWaitMillis, int tinyFaceHeight,
                        int detectorWindowMargin) {
        this(models, device, minConfidence, maxResults, smallImageSide, maxBatch, batchWaitMillis, tinyFaceHeight,
                detectorWindowMargin, DETECTOR_WINDOW_PADDING);
    }

    /** The settings before the smaller detector inputs, with their default. */
    public EngineConfig(ModelFiles models, String device, float minConfidence, int maxResults,
                        int smallImageSide, int maxBatch, long batchWaitMillis, int tinyFaceHeight) {
        this(models, device, minConfidence, maxResults, smallImageSide, maxBatch, batchWaitMillis, tinyFaceHeight,
                DETECTOR_WINDOW_MARGIN);
    }

    /** The settings before the tiny-face crop, with its default. */
    public EngineConfig(ModelFiles models, String device, float minConfidence, int maxResults,
                        int smallImageSide, int maxBatch, long batchWaitMillis) {
        this(models, device, minConfidence, maxResults, smallImageSide, maxBatch, batchWaitMillis, TINY_FACE_HEIGHT);
    }

    public static EngineConfig defaults() {
        return new EngineConfig(ModelFiles.bundled(), "cpu", 0.5f, 100, 256, 32, 5);
    }

    public EngineConfig withModels(ModelFiles m) {
        return new EngineConfig(m, device, minConfidence, maxResults, smallImageSide, maxBatch, batchWaitMillis, tinyFaceHeight, detectorWindowMargin, detectorWindowPadding, detectorContextBytes, tinyFaceEnrolmentMean);
    }

    public EngineConfig withBatching(int batch, long waitMillis) {
        return new EngineConfig(models, device, minConfidence, maxResults, smallImageSide, batch, waitMillis, tinyFaceHeight, detectorWindowMargin, detectorWindowPadding, detectorContextBytes, tinyFaceEnrolmentMean);
    }

    public EngineConfig withTinyFaceHeight(int height) {
        return new EngineConfig(models, device, minConfidence, maxResults, smallImageSide, maxBatch, batchWaitMillis, height, detectorWindowMargin, detectorWindowPadding, detectorContextBytes, tinyFaceEnrolmentMean);
    }

    public EngineConfig withDetectorWindowMargin(int margin) {
        return new EngineConfig(models, device, minConfidence, maxResults, smallImageSide, maxBatch, batchWaitMillis, tinyFaceHeight, margin, detectorWindowPadding, detectorContextBytes, tinyFaceEnrolmentMean);
    }

    public EngineConfig withDetectorWindowPadding(WindowPadding padding) {
        return new EngineConfig(models, device, minConfidence, maxResults, smallImageSide, maxBatch, batchWaitMillis, tinyFaceHeight, detectorWindowMargin, padding, detectorContextBytes, tinyFaceEnrolmentMean);
    }

    public EngineConfig withDetectorContextBytes(long bytes) {
        return new EngineConfig(models, device, minConfidence, maxResults, smallImageSide, maxBatch, batchWaitMillis, tinyFaceHeight, detectorWindowMargin, detectorWindowPadding, bytes, tinyFaceEnrolmentMean);
    }

    public EngineConfig withTinyFaceEnrolmentMean(boolean on) {
        return new EngineConfig(models, device, minConfidence, maxResults, smallImageSide, maxBatch, batchWaitMillis, tinyFaceHeight, detectorWindowMargin, detectorWindowPadding, detectorContextBytes, on);
    }
}
