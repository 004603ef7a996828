/** Start-up: the jar's entry point and the Camel Main set-up of the tiers. */
package io.facefleet.app;
