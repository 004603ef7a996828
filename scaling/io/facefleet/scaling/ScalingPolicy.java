package io.facefleet.scaling;

/**
 * How many workers to run, as a pure function of what the queue shows. Scale out at once to
 * {@code ceil(backlog / targetPerWorker)} (KEDA's queue-length rule, backlog = visible +
 * in-flight), never above the maximum; never scale in while work remains; after the queue has
 * been empty and idle for {@code scaleInDelayMillis}, go down to the minimum.
 */
public final class ScalingPolicy {

    /** Bounds and targets of a fleet. */
    public record Limits(int min, int max, int targetPerWorker, long scaleInDelayMillis) {
        public Limits {
            if (min < 0 || max < min || max < 1 || targetPerWorker < 1 || scaleInDelayMillis < 0) {
                throw new IllegalArgumentException("need 0 <= min <= max, max >= 1, target >= 1, delay >= 0");
            }
        }
    }

    /** A decision and why, for the log. */
    public record Decision(int desired, String reason) {
    }

    private ScalingPolicy() {
    }

    /**
     * @param visible messages waiting in the queue
     * @param inFlight messages taken by workers and not yet finished
     * @param running workers running now
     * @param idleMillis how long the backlog has been zero (0 when it is not)
     */
    public static Decision decide(int visible, int inFlight, int running, long idleMillis, Limits limits) {
        int backlog = Math.max(0, visible) + Math.max(0, inFlight);
        if (backlog > 0) {
            int wanted = Math.min(limits.max(), Math.max(limits.min(), ceilDiv(backlog, limits.targetPerWorker())));
            int desired = Math.max(wanted, Math.min(running, limits.max()));
            String reason = desired > running
                    ? "backlog " + backlog + " needs " + wanted + " workers at " + limits.targetPerWorker() + " each"
                    : "backlog " + backlog + ": keep " + desired + " until the queue drains";
            return new Decision(desired, reason);
        }
        if (running > limits.min() && idleMillis >= limits.scaleInDelayMillis()) {
            return new Decision(limits.min(), "queue empty and idle for " + idleMillis + " ms: down to the minimum");
        }
        if (running < limits.min()) {
            return new Decision(limits.min(), "below the minimum");
        }
        return new Decision(running, running > limits.min() ? "queue empty: waiting out the scale-in delay" : "idle at the minimum");
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
