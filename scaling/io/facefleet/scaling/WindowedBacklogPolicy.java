package io.facefleet.scaling;

/**
 * facefleet's default scaling rule ({@link ScalingPolicy#FACEFLEET}), a pure function of one {@link Observation}:
 * <ol>
 * <li><b>Out at once</b>: {@code ceil(backlog / targetPerWorker)} workers (KEDA's SQS rule,
 * backlog = visible + in flight), never above the maximum.</li>
 * <li><b>While work keeps arriving</b>, scale in only to what the busiest moment of the last
 * {@link FleetLimits#windowMillis()} (the scale-in delay, or the boot time when longer) needed: the
 * workers busy at once, plus {@code ceil(waiting / targetPerWorker)}. A stabilisation window, as
 * Kubernetes' HPA uses, so a steady load does not flap while a falling one sheds workers.</li>
 * <li><b>Once nothing has arrived for {@code quietMillis}</b> the load has stopped and the rest
 * is draining: keep only the workers the remaining backlog can occupy
 * ({@code ceil(backlog / jobsPerWorker)}), stop the idle ones at once, and go to the minimum
 * when the backlog is gone. This is the seed's thrift on a burst's tail without its starving of
 * a steady load.</li>
 * </ol>
 * Workers are removed by draining (they stop taking work and finish what they hold), so no
 * decision here ever loses a job; draining workers are not counted as capacity.
 */
public final class WindowedBacklogPolicy {

    /** A decision and why, for the log. */
    public record Decision(int desired, String reason) {
    }

    private WindowedBacklogPolicy() {
    }

    public static Decision decide(Observation o, FleetLimits l) {
        int backlog = o.backlog();
        int current = o.running() + o.starting();
        int wanted = clamp(ceilDiv(backlog, l.targetPerWorker()), l);
        if (wanted > current) {
            return new Decision(wanted, "backlog " + backlog + " needs " + wanted + " workers at " + l.targetPerWorker() + " each");
        }
        if (o.sinceArrivalMillis() < l.quietWindowMillis()) {
            // the window's busiest moment: workers that were all busy, plus those its queue needed
            int need = ceilDiv(o.peakInFlight(), l.jobsPerWorker()) + ceilDiv(o.peakVisible(), l.targetPerWorker());
            int desired = Math.max(wanted, Math.min(current, clamp(need, l)));
            return new Decision(desired, desired < current
                    ? "work still arriving, but the window's busiest moment needed only " + desired
                    : "work still arriving: hold " + desired);
        }
        int occupied = clamp(Math.min(current, ceilDiv(backlog, l.jobsPerWorker())), l);
        if (backlog == 0) {
            return new Decision(l.min(), current > l.min()
                    ? "nothing arrived for " + o.sinceArrivalMillis() + " ms and nothing is left: down to the minimum"
                    : "idle at the minimum");
        }
        return new Decision(occupied, occupied < current
                ? "load stopped " + o.sinceArrivalMillis() + " ms ago: keep the " + occupied + " workers the last " + backlog + " jobs occupy"
                : "load stopped: draining the last " + backlog + " jobs");
    }

    /** The same with only the current reading (no history): tests and callers without a controller. */
    public static Decision decide(int visible, int inFlight, int running, long idleMillis, FleetLimits limits) {
        return decide(new Observation(visible, inFlight, running, 0, 0, idleMillis, idleMillis, Math.max(0, visible), Math.max(0, inFlight)), limits);
    }

    private static int clamp(int n, FleetLimits l) {
        return Math.max(l.min(), Math.min(l.max(), n));
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
