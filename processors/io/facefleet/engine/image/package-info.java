/** Decoded images, their validation, and the pixel operations the nets' inputs are built with. */
package io.facefleet.engine.image;
