package io.facefleet.engine.image;

/** The image formats {@link ImageDecoder} decodes, told apart by their magic bytes. */
public enum ImageFormat {
    JPEG, PNG, BMP, GIF
}
