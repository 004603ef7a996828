package io.facefleet.compreface;

/**
 * CompreFace's {@code similarity} (0..1) from facefleet's descriptor distance: a logistic curve
 * centred on the gallery threshold, {@code 1 / (1 + exp((d - threshold) / width))}. So 0.5 is
 * exactly facefleet's "same person" boundary (CompreFace's own convention: right matches mostly
 * above 0.5, wrong ones below), smaller distances rise towards 1, larger fall towards 0. With the
 * defaults (threshold 0.6, width 0.056): d 0.42 (a typical same-person distance) gives 0.96, d
 * 0.577 gives 0.60 (Double Take's default match bar), d 0.9 gives 0.005. Pure; the one place
 * this mapping lives.
 */
public final class CompreFaceSimilarity {

    private final double threshold;
    private final double width;

    /**
     * @param threshold the gallery's match threshold (distance), similarity 0.5 there
     * @param width how fast similarity falls with distance; positive
     */
    public CompreFaceSimilarity(double threshold, double width) {
        if (!(width > 0) || !(threshold > 0)) {
            throw new IllegalArgumentException("similarity threshold and width must be positive, got " + threshold + " and " + width);
        }
        this.threshold = threshold;
        this.width = width;
    }

    /** Similarity of a distance, rounded to 5 decimals as CompreFace shows it. */
    public double of(double distance) {
        double s = 1.0 / (1.0 + Math.exp((distance - threshold) / width));
        return Math.round(s * 100000.0) / 100000.0;
    }

    /** The distance at which similarity is {@code s} (0 < s < 1): how a client's similarity bar reads as a distance. */
    public double distanceAt(double s) {
        return threshold + width * Math.log(1.0 / s - 1.0);
    }
}
