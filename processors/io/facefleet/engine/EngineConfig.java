package io.facefleet.engine;

import io.facefleet.engine.weights.ModelFiles;

/**
 * Settings of the face engine.
 *
 * @param models where the weights come from
 * @param device {@code cpu} or {@code gpu} (needs a CUDA flavour of the PyTorch native library)
 * @param minConfidence detector score threshold (strictly above)
 * @param maxResults most faces kept per image
 * @param smallImageSide an image whose longer side is below this is zero-padded, centred, to this
 *     square first: the detector misses faces that fill a tiny image once it is blown up to 512
 * @param maxBatch most net inputs run in one forward pass
 * @param batchWaitMillis longest wait for a batch to fill after its first input
 */
public record EngineConfig(ModelFiles models, String device, float minConfidence, int maxResults,
                           int smallImageSide, int maxBatch, long batchWaitMillis) {

    public static EngineConfig defaults() {
        return new EngineConfig(ModelFiles.bundled(), "cpu", 0.5f, 100, 256, 32, 5);
    }

    public EngineConfig withModels(ModelFiles m) {
        return new EngineConfig(m, device, minConfidence, maxResults, smallImageSide, maxBatch, batchWaitMillis);
    }

    public EngineConfig withBatching(int batch, long waitMillis) {
        return new EngineConfig(models, device, minConfidence, maxResults, smallImageSide, batch, waitMillis);
    }
}
