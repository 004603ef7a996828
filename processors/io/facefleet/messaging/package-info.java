/** The queue messages between the web tier and the app tier, and request/reply correlation. */
package io.facefleet.messaging;
