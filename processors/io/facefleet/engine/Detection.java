package io.facefleet.engine;

/** One detected face: box in pixels of the original image (float, not rounded) and its score. */
public record Detection(float x, float y, float width, float height, float score) {

    /** The same box moved by (dx, dy), for mapping back from a padded image. */
    public Detection shifted(float dx, float dy) {
        return new Detection(x + dx, y + dy, width, height, score);
    }
}
