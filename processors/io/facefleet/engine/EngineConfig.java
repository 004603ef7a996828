package io.facefleet.engine;

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
 */
public record EngineConfig(ModelFiles models, String device, float minConfidence, int maxResults,
                           int smallImageSide, int maxBatch, long batchWaitMillis, int tinyFaceHeight,
                           int detectorWindowMargin) {

    /** The default of {@link #tinyFaceHeight}, as in application.properties. */
    public static final int TINY_FACE_HEIGHT = 48;
    /** The default of {@link #detectorWindowMargin}, as in application.properties. */
    public static final int DETECTOR_WINDOW_MARGIN = 64;

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
        return new EngineConfig(m, device, minConfidence, maxResults, smallImageSide, maxBatch, batchWaitMillis, tinyFaceHeight, detectorWindowMargin);
    }

    public EngineConfig withBatching(int batch, long waitMillis) {
        return new EngineConfig(models, device, minConfidence, maxResults, smallImageSide, batch, waitMillis, tinyFaceHeight, detectorWindowMargin);
    }

    public EngineConfig withTinyFaceHeight(int height) {
        return new EngineConfig(models, device, minConfidence, maxResults, smallImageSide, maxBatch, batchWaitMillis, height, detectorWindowMargin);
    }

    public EngineConfig withDetectorWindowMargin(int margin) {
        return new EngineConfig(models, device, minConfidence, maxResults, smallImageSide, maxBatch, batchWaitMillis, tinyFaceHeight, margin);
    }
}
