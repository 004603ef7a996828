package io.facefleet.web;

/**
 * One image a request stores before its job is queued.
 *
 * @param key its key in the images area (made by {@code StorageKeys})
 * @param bytes the image
 */
public record RequestImage(String key, byte[] bytes) {
}
