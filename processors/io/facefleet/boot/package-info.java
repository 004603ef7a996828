/** Start-up (not the app tier, which is {@code worker}): the jar's entry point and the Camel Main set-up of the tiers. */
package io.facefleet.boot;
