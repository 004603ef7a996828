/** Loading the face-api.js tfjs weight files: location, checksums, dequantisation. */
package io.facefleet.engine.weights;
