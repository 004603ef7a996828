package io.facefleet.gallery;

/** A face to enrol: its descriptor, where it came from, and the image's sha256 (null: no dedupe). */
public record NewFace(float[] descriptor, String source, String sha256) {

    public NewFace {
        if (descriptor == null || descriptor.length != FaceDocs.DIMENSION) {
            throw new IllegalArgumentException("a descriptor has " + FaceDocs.DIMENSION + " values");
        }
        for (float v : descriptor) {
            if (!Float.isFinite(v)) {
                throw new IllegalArgumentException("a descriptor's values must be finite numbers");
            }
        }
        descriptor = descriptor.clone();
        // the journal writes strings of at most 64 KB
        source = source == null ? null : source.length() > 1000 ? source.substring(0, 1000) : source;
    }
}
