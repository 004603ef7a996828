/** The face service on image bytes (detect, identify, verify, enrol) shared by the CLI and the tiers. */
package io.facefleet.recognition;
