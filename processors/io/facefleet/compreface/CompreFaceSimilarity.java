package io.facefleet.compreface;

import io.facefleet.gallery.DistanceCurve;

/**
 * CompreFace's {@code similarity} (0..1) from facefleet's descriptor distance: a logistic curve
 * centred on the gallery threshold, {@code 1 / (1 + exp((d - threshold) / width))}. So 0.5 is
 * exactly facefleet's "same person" boundary (CompreFace's own convention: right matches mostly
 * above 0.5, wrong ones below), smaller distances rise towards 1, larger fall towards 0. With the
 * defaults (threshold 0.6, width 0.056): d 0.42 (a typical same-person distance) gives 0.96, d
 * 0.577 gives 0.60 (Double Take's default match bar), d 0.9 gives 0.005. The curve itself is
 * {@link DistanceCurve}.
 */
public final class CompreFaceSimilarity {

    private final DistanceCurve curve;

    /**
     * @param threshold the gallery's match threshold (distance), similarity 0.5 there
     * @param width how fast similarity falls with distance; positive
     */
    public CompreFaceSimilarity(double threshold, double width) {
        this.curve = new DistanceCurve(threshold, width, 1, 0.5);
    }

    /** Similarity of a distance, rounded to 5 decimals as CompreFace shows it. */
    public double of(double distance) {
        return curve.of(distance);
    }

    /** The distance at which similarity is {@code s} (0 < s < 1): how a client's similarity bar reads as a distance. */
    public double distanceAt(double s) {
        return curve.distanceAt(s);
    }
}
