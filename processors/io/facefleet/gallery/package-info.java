/** Enrolled subjects and matching of face descriptors against them. */
package io.facefleet.gallery;
