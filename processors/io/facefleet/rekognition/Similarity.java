package io.facefleet.rekognition;

/**
 * Descriptor distance d as Rekognition's {@code Similarity} (0–100): a logistic curve
 * {@code S(d) = 100 / (1 + exp((d - d0) / w))} anchored so that S = 80 (the SDKs' default
 * FaceMatchThreshold and SimilarityThreshold) at facefleet's match threshold t (face-api's 0.6):
 * {@code d0 = t + w ln 4}. So "Similarity at least 80" and "distance under t" are the same rule.
 * The one free parameter, the width w, is fitted on the labelled photo sets so that the median
 * same-person distance maps to 99 (docs/accuracy.md has the figures and the thresholds every
 * Similarity implies).
 */
public final class Similarity {

    /**
     * The width w of the curve, in distance units. Calibrated by {@code tools/bench/similarity.sh}
     * (bench.SimilarityCalibration, on ../shared/datasets; it writes docs/accuracy.md's "Similarity"
     * section): w = (t - m) / ln(99/4), m the median same-person distance of the labelled sets.
     */
    public static final double WIDTH = 0.0862;

    /** Similarity at the match threshold: the SDKs' default thresholds. */
    public static final double AT_THRESHOLD = 80;

    private final double threshold;
    private final double width;
    private final double d0;

    /** @param threshold facefleet.gallery.threshold: the distance that maps to Similarity 80 */
    public Similarity(double threshold) {
        this(threshold, WIDTH);
    }

    /** A curve of another width (the calibration tool tries the one it fits). */
    public Similarity(double threshold, double width) {
        if (!(threshold > 0) || !(width > 0)) {
            throw new IllegalArgumentException("the similarity curve needs a positive threshold and width");
        }
        this.threshold = threshold;
        this.width = width;
        this.d0 = threshold + width * Math.log(100 / AT_THRESHOLD - 1) * -1;
    }

    public double threshold() {
        return threshold;
    }

    /** Similarity 0..100 of a distance, rounded to 5 decimals (a distance of 0 is just under 100). */
    public double of(double distance) {
        double s = 100 / (1 + Math.exp((distance - d0) / width));
        return Math.round(s * 1e5) / 1e5;
    }

    /**
     * The largest distance a match may have at Similarity threshold T (0..100): T = 0 matches
     * everything, T = 100 nothing.
     */
    public double maxDistance(double similarityThreshold) {
        if (similarityThreshold <= 0) {
            return Double.POSITIVE_INFINITY;
        }
        if (similarityThreshold >= 100) {
            return Double.NEGATIVE_INFINITY;
        }
        return d0 + width * Math.log(100 / similarityThreshold - 1);
    }
}
