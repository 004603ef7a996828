package io.facefleet.scaling;

/**
 * What a controller sees at one tick, with the little history the policies use.
 *
 * @param visible messages waiting in the queue
 * @param inFlight messages taken by workers and not yet finished
 * @param running workers up and consuming
 * @param starting workers asked for and still booting
 * @param draining workers told to stop, finishing their jobs (never counted as capacity)
 * @param idleMillis how long the backlog (visible + in flight) has been zero; 0 while it is not
 * @param sinceArrivalMillis time since work last arrived (the backlog rose, or this host's web tier queued a job)
 * @param peakVisible the most messages waiting at once within the scale-in window
 * @param peakInFlight the most messages in flight at once within the scale-in window
 */
public record Observation(int visible, int inFlight, int running, int starting, int draining, long idleMillis,
                          long sinceArrivalMillis, int peakVisible, int peakInFlight) {

    /** An observation with no history beyond the idle time: work arrived just now, the peaks are now. */
    public Observation(int visible, int inFlight, int running, int starting, long idleMillis) {
        this(visible, inFlight, running, starting, 0, idleMillis, 0, Math.max(0, visible), Math.max(0, inFlight));
    }

    public int backlog() {
        return Math.max(0, visible) + Math.max(0, inFlight);
    }
}
