package io.facefleet.gallery;

import io.facefleet.messaging.HttpError;

/** A gallery request refused for a reason the client can fix: an unknown name (404) or a limit (409). */
public final class GalleryRefusal extends HttpError {

    private GalleryRefusal(int status, String message) {
        super(status, message);
    }

    static GalleryRefusal notFound(String message) {
        return new GalleryRefusal(404, message);
    }

    static GalleryRefusal conflict(String message) {
        return new GalleryRefusal(409, message);
    }
}
