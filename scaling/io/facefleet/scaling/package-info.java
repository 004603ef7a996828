/** Scaling: the policy (a pure function) and the fleet drivers that apply it. */
package io.facefleet.scaling;
