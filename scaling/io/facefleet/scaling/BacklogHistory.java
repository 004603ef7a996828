package io.facefleet.scaling;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The controller's memory between ticks, turning readings into {@link Observation}s: how long
 * the backlog has been zero, when work last arrived (the backlog rose between two readings, or
 * a web tier on this host queued a job), and the most jobs waiting and in flight within the
 * scale-in window.
 * Shared by the live controller and the simulator, so both feed the policy alike.
 */
public final class BacklogHistory {

    private record Reading(long at, int visible, int inFlight) {
    }

    private final long windowMillis;
    private final Deque<Reading> window = new ArrayDeque<>();
    private long idleSince = -1;
    private long lastArrival = Long.MIN_VALUE / 2;
    private int lastBacklog;

    public BacklogHistory(long windowMillis) {
        this.windowMillis = windowMillis;
    }

    /**
     * @param localArrivalAt when this host last queued work itself (Long.MIN_VALUE when unknown)
     */
    public Observation observe(long now, int visible, int inFlight, int running, int starting, int draining, long localArrivalAt) {
        int backlog = Math.max(0, visible) + Math.max(0, inFlight);
        if (backlog > lastBacklog) {
            lastArrival = now;
        }
        lastArrival = Math.max(lastArrival, localArrivalAt);
        lastBacklog = backlog;
        if (backlog > 0) {
            idleSince = -1;
        } else if (idleSince < 0) {
            idleSince = now;
        }
        window.addLast(new Reading(now, Math.max(0, visible), Math.max(0, inFlight)));
        while (window.peekFirst().at() < now - windowMillis) {
            window.removeFirst();
        }
        return new Observation(visible, inFlight, running, starting, draining, idleSince < 0 ? 0 : now - idleSince,
                Math.max(0, now - lastArrival), window.stream().mapToInt(Reading::visible).max().orElse(0),
                window.stream().mapToInt(Reading::inFlight).max().orElse(0));
    }
}
