package io.facefleet.gallery;

/** The gallery's file cannot be used. */
public class GalleryException extends RuntimeException {

    public GalleryException(String message, Throwable cause) {
        super(message, cause);
    }
}
