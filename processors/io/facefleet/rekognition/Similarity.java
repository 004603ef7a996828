package io.facefleet.rekognition;

import io.facefleet.gallery.DistanceCurve;

/**
 * Descriptor distance d as Rekognition's {@code Similarity} (0–100): a logistic curve
 * {@code S(d) = 100 / (1 + exp((d - d0) / w))} anchored so that S = 80 (the SDKs' default
 * FaceMatchThreshold and SimilarityThreshold) at facefleet's match threshold t (face-api's 0.6):
 * {@code d0 = t + w ln 4} ({@link DistanceCurve}). So "Similarity at least 80" and "distance under t" are the same rule.
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

    private final DistanceCurve curve;

    /** @param threshold facefleet.gallery.threshold: the distance that maps to Similarity 80 */
    public Similarity(double threshold) {
        this(threshold, WIDTH);
    }

    /** A curve of another width (the calibration tool tries the one it fits). */
    public Similarity(double threshold, double width) {
        this.curve = new DistanceCurve(threshold, width, 100, AT_THRESHOLD);
    }

    public double threshold() {
        return curve.threshold();
    }

    /** Similarity 0..100 of a distance, rounded to 5 decimals (a distance of 0 is just under 100). */
    public double of(double distance) {
        return curve.of(distance);
    }

    /**
     * The largest distance a match may have at Similarity threshold T (0..100): T = 0 matches
     * everything, T = 100 nothing.
     */
    public double maxDistance(double similarityThreshold) {
        return curve.distanceAt(similarityThreshold);
    }
}
