/**
 * Decoded images, their validation, and the pixel operations the nets' inputs are built with.
 * {@link io.facefleet.engine.image.ImageDecoder} turns untrusted uploads into
 * {@link io.facefleet.engine.image.RgbImage}s within {@link io.facefleet.engine.image.ImageLimits},
 * or refuses them with a typed {@link io.facefleet.engine.image.ImageRejectedException}.
 */
package io.facefleet.engine.image;
