/** The three face-api.js nets as DJL blocks on the PyTorch engine, and the detector's decoding. */
package io.facefleet.engine.nets;
