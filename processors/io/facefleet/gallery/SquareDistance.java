package io.facefleet.gallery;

/** The squared euclidean distance of two vectors of one length, as the HNSW graph ranks faces. */
interface SquareDistance {

    float between(float[] a, float[] b);
}
