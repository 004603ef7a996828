package io.facefleet.rekognition;

import java.util.Optional;

/** Where a Rekognition {@code S3Object} image is read from: the configured storage's bucket reader. */
public interface S3Objects {

    /**
     * The object's bytes, at most {@code maxBytes + 1} of them (the caller refuses the rest), or
     * empty when there is no such object or it cannot be read.
     *
     * @param version the object's version, or null for the current one
     */
    Optional<byte[]> read(String bucket, String name, String version, long maxBytes);
}
