package io.facefleet.engine.image;

/** The image formats {@link ImageDecoder} decodes, told apart by their magic bytes. */
public enum ImageFormat {
    JPEG, PNG, BMP, GIF, WEBP, TIFF;

    /** The accepted formats as a person reads them, for error messages. */
    public static final String ACCEPTED = "JPEG, PNG, BMP, GIF, WebP and TIFF";
    static final String ACCEPTED_OR = "JPEG, PNG, BMP, GIF, WebP or TIFF";

    /** The name a person knows the format by: WebP, not WEBP. */
    public String displayName() {
        return this == WEBP ? "WebP" : name();
    }
}
