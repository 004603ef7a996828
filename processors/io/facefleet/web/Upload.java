package io.facefleet.web;

/**
 * One checked upload.
 *
 * @param name the upload's file name, sanitised (shown back to the client, and the seed's view's key)
 * @param extension the image format's usual extension, from its magic bytes
 * @param bytes the image
 */
public record Upload(String name, String extension, byte[] bytes) {
}
