package io.facefleet.web;

/** One uploaded image: its sanitised storage key and bytes. */
public record Upload(String key, byte[] bytes) {
}
