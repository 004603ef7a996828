/** The scaling simulator: traces, a virtual-clock fleet, reports. */
package io.facefleet.scaling.sim;
