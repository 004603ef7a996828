package io.facefleet.scaling;

import java.util.List;

/** A scaling rule: from what the queue shows to a desired number of workers (pure, no state). */
public interface ScalingPolicy {

    String name();

    int desired(Observation o, FleetLimits limits);

    /** The seed's rule: one worker per visible message, up to the maximum; nothing else. */
    ScalingPolicy SEED = new ScalingPolicy() {
        public String name() {
            return "seed";
        }

        public int desired(Observation o, FleetLimits l) {
            return Math.max(l.min(), Math.min(o.visible(), l.max()));
        }
    };

    /**
     * KEDA's SQS scaler: ceil((visible + in flight) / target per worker); to zero after the
     * cool-down (our scale-in delay) with no backlog.
     */
    ScalingPolicy KEDA = new ScalingPolicy() {
        public String name() {
            return "keda";
        }

        public int desired(Observation o, FleetLimits l) {
            int backlog = o.visible() + o.inFlight();
            if (backlog == 0) {
                return o.idleMillis() >= l.scaleInDelayMillis() ? l.min() : o.running() + o.starting();
            }
            return clamp((backlog + l.targetPerWorker() - 1) / l.targetPerWorker(), l);
        }
    };

    /** facefleet's default ({@link WindowedBacklogPolicy#decide}): out at once, stabilised while work arrives, thrifty once it stops. */
    ScalingPolicy FACEFLEET = new ScalingPolicy() {
        public String name() {
            return "facefleet";
        }

        public int desired(Observation o, FleetLimits l) {
            return WindowedBacklogPolicy.decide(o, l).desired();
        }
    };

    /**
     * AWS target tracking on backlog per instance: the target backlog per instance is the
     * acceptable latency over the service time; desired = ceil(visible / target). Warming
     * instances are not counted as capacity; scale-in waits for the cool-down.
     */
    static ScalingPolicy targetTracking(long acceptableLatencyMillis, long serviceMillis) {
        int target = (int) Math.max(1, acceptableLatencyMillis / Math.max(1, serviceMillis));
        return new ScalingPolicy() {
            public String name() {
                return "target-tracking";
            }

            public int desired(Observation o, FleetLimits l) {
                int wanted = clamp((o.visible() + target - 1) / target, l);
                int current = o.running() + o.starting();
                if (wanted < current && o.idleMillis() < l.scaleInDelayMillis()) {
                    return current;
                }
                return wanted;
            }
        };
    }

    /** The policies the simulator compares, target tracking tuned for {@code serviceMillis}. */
    static List<ScalingPolicy> all(long serviceMillis) {
        return List.of(SEED, KEDA, targetTracking(10 * serviceMillis, serviceMillis), FACEFLEET);
    }

    private static int clamp(int n, FleetLimits l) {
        return Math.max(l.min(), Math.min(l.max(), n));
    }
}
