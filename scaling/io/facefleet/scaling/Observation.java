package io.facefleet.scaling;

/**
 * What a controller sees at one tick.
 *
 * @param visible messages waiting in the queue
 * @param inFlight messages taken by workers and not yet finished
 * @param running workers up and consuming
 * @param starting workers asked for and still booting
 * @param idleMillis how long the backlog (visible + in flight) has been zero; 0 while it is not
 */
public record Observation(int visible, int inFlight, int running, int starting, long idleMillis) {
}
