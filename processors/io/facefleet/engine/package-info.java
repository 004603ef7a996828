/** The face engine: detect, landmarks, align, describe; the public types the tiers use. */
package io.facefleet.engine;
