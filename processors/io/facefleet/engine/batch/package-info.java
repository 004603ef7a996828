/** Dynamic batching of net inputs across concurrent requests. */
package io.facefleet.engine.batch;
