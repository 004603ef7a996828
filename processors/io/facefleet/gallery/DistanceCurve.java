package io.facefleet.gallery;

/**
 * A descriptor distance as a score that falls along a logistic curve from {@code top} (distance 0
 * side) to 0, {@code s(d) = top / (1 + exp((d - centre) / width))}, anchored so that the match
 * threshold scores {@code atThreshold}: a score bar and a distance bar are then the same rule.
 * The one place the curve lives; each protocol names its anchors (Rekognition's Similarity: 100
 * and 80; CompreFace's similarity: 1 and 0.5).
 */
public final class DistanceCurve {

    private final double threshold;
    private final double width;
    private final double top;
    private final double centre;

    /**
     * @param threshold the gallery's match threshold (a distance), positive
     * @param width how fast the score falls with distance, positive
     * @param top the score the curve approaches at distance 0
     * @param atThreshold the score at the threshold, between 0 and top
     */
    public DistanceCurve(double threshold, double width, double top, double atThreshold) {
        if (!(threshold > 0) || !(width > 0)) {
            throw new IllegalArgumentException("a distance curve needs a positive threshold and width, got " + threshold + " and " + width);
        }
        if (!(atThreshold > 0 && atThreshold < top)) {
            throw new IllegalArgumentException("the score at the threshold must lie between 0 and " + top + ", got " + atThreshold);
        }
        this.threshold = threshold;
        this.width = width;
        this.top = top;
        // s(threshold) = atThreshold  <=>  centre = threshold - width * ln(top / atThreshold - 1)
        this.centre = threshold - width * Math.log(top / atThreshold - 1);
    }

    public double threshold() {
        return threshold;
    }

    /** The score of a distance, rounded to 5 decimals (as both protocols show it). */
    public double of(double distance) {
        double s = top / (1 + Math.exp((distance - centre) / width));
        return Math.round(s * 1e5) / 1e5;
    }

    /**
     * The largest distance scoring at least {@code score}: a client's score bar as a distance.
     * A bar of 0 or less lets every distance through, one of {@code top} or more none.
     */
    public double distanceAt(double score) {
        if (score <= 0) {
            return Double.POSITIVE_INFINITY;
        }
        if (score >= top) {
            return Double.NEGATIVE_INFINITY;
        }
        return centre + width * Math.log(top / score - 1);
    }
}
