package io.facefleet.scaling.sim;

import io.facefleet.scaling.BacklogHistory;
import io.facefleet.scaling.Observation;
import io.facefleet.scaling.ScalingPolicy;
import io.facefleet.scaling.FleetLimits;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * A virtual-clock simulation of a queue, a fleet and a controller. Workers take one request at a
 * time for {@code serviceMillis}; a new worker is up {@code bootMillis} after it is asked for; the
 * controller ticks every {@code periodMillis} and reconciles the fleet with the policy's answer:
 * it cancels booting workers first, then drains idle ones, then busy ones (a draining worker
 * finishes its request before it stops, so no work is ever lost).
 */
public final class Simulator {

    /** Settings of one run. */
    public record Setup(long serviceMillis, long bootMillis, long periodMillis, FleetLimits limits) {
    }

    /** One second of the timeline. */
    public record Tick(long second, int queued, int desired, int running, int starting, double latencyP50Millis) {
    }

    /** The outcome of a run. */
    /** @param stoppedBusy workers stopped while holding a request (the drain rule makes this 0) */
    public record Result(String policy, String trace, int requests, double p50Millis, double p99Millis,
                         double workerSeconds, int peakWorkers, double secondsToMinimumAfterLastReply,
                         int lost, int stoppedBusy, List<Tick> timeline) {
    }

    private static final long STEP = 100;

    private static final class Worker {
        long readyAt;
        long busyUntil = -1;
        long requestArrival;
        boolean draining;
        boolean stopped;
    }

    private Simulator() {
    }

    public static Result run(ScalingPolicy policy, String traceName, long[] arrivals, Setup s) {
        Deque<Long> queue = new ArrayDeque<>();
        List<Worker> fleet = new ArrayList<>();
        List<Long> latencies = new ArrayList<>();
        List<Tick> timeline = new ArrayList<>();
        List<Long> secondLatencies = new ArrayList<>();
        int next = 0;
        int[] stoppedBusy = {0};
        BacklogHistory history = new BacklogHistory(s.limits().windowMillis());
        long lastReply = 0;
        double workerMillis = 0;
        int peak = 0;
        int desired = 0;
        long zeroAt = -1;
        long end = (arrivals.length == 0 ? 0 : arrivals[arrivals.length - 1]) + 3_600_000;
        for (long now = 0; now <= end; now += STEP) {
            while (next < arrivals.length && arrivals[next] <= now) {
                queue.add(arrivals[next++]);
            }
            // workers finish, stop, take work
            for (Worker w : fleet) {
                if (w.stopped) {
                    continue;
                }
                // completions at their exact times: a worker that finishes within this step takes
                // its next request right then, not at the step's end (no rounding of service times)
                while (w.busyUntil >= 0 && w.busyUntil <= now) {
                    long done = w.busyUntil;
                    latencies.add(done - w.requestArrival);
                    secondLatencies.add(done - w.requestArrival);
                    lastReply = Math.max(lastReply, done);
                    w.busyUntil = -1;
                    if (!w.draining && !queue.isEmpty() && queue.peek() <= done) {
                        w.requestArrival = queue.poll();
                        w.busyUntil = done + s.serviceMillis();
                    }
                }
                if (w.draining && w.busyUntil < 0) {
                    w.stopped = true;
                    continue;
                }
                if (w.readyAt <= now && w.busyUntil < 0 && !w.draining && !queue.isEmpty()) {
                    w.requestArrival = queue.poll();
                    // it was free (and up) when the request arrived, or came up after
                    w.busyUntil = Math.max(w.readyAt, w.requestArrival) + s.serviceMillis();
                }
            }
            int running = 0;
            int starting = 0;
            int draining = 0;
            int inFlight = 0;
            for (Worker w : fleet) {
                if (w.stopped) {
                    continue;
                }
                workerMillis += STEP;
                if (w.readyAt > now) {
                    starting++;
                } else if (!w.draining) {
                    running++;
                } else {
                    draining++;
                }
                if (w.busyUntil >= 0) {
                    inFlight++;
                }
            }
            peak = Math.max(peak, running + starting);
            if (now % s.periodMillis() == 0) {
                // the web tier knows when it last queued a job, as the live controller's host does
                long lastArrival = next == 0 ? Long.MIN_VALUE / 2 : arrivals[next - 1];
                Observation o = history.observe(now, queue.size(), inFlight, running, starting, draining, lastArrival);
                desired = policy.desired(o, s.limits());
                desired = Math.min(desired, s.limits().max());
                stoppedBusy[0] += reconcile(fleet, desired, now, s);
            }
            if (now % 1000 == 0) {
                double p50 = percentile(secondLatencies, 50);
                timeline.add(new Tick(now / 1000, queue.size(), desired, running, starting, p50));
                secondLatencies.clear();
            }
            boolean allDone = next == arrivals.length && queue.isEmpty() && inFlight == 0;
            long live = fleet.stream().filter(w -> !w.stopped).count();
            if (allDone && live <= s.limits().min()) {
                zeroAt = now;
                break;
            }
        }
        return new Result(policy.name(), traceName, latencies.size(), percentile(latencies, 50), percentile(latencies, 99),
                workerMillis / 1000, peak, zeroAt < 0 ? Double.NaN : Math.max(0, zeroAt - lastReply) / 1000.0,
                arrivals.length - latencies.size(), stoppedBusy[0], timeline);
    }

    /** Starts or retires workers to reach {@code desired}; returns how many it stopped while they held a request. */
    private static int reconcile(List<Worker> fleet, int desired, long now, Setup s) {
        List<Worker> live = fleet.stream().filter(w -> !w.stopped && !w.draining).toList();
        int have = live.size();
        for (int i = have; i < desired; i++) {
            Worker w = new Worker();
            w.readyAt = now + s.bootMillis();
            fleet.add(w);
        }
        int excess = have - desired;
        // booting ones first (cancelled at once), then idle ones, then busy ones (drained)
        for (Worker w : live) {
            if (excess > 0 && w.readyAt > now) {
                w.stopped = true;
                excess--;
            }
        }
        int stoppedBusy = 0;
        for (Worker w : live) {
            if (excess > 0 && !w.stopped && w.busyUntil < 0) {
                w.stopped = true;
                excess--;
            }
        }
        for (Worker w : live) {
            if (excess > 0 && !w.stopped && !w.draining) {
                w.draining = true;
                excess--;
            }
        }
        for (Worker w : live) {
            if (w.stopped && w.busyUntil >= 0) {
                stoppedBusy++;
            }
        }
        return stoppedBusy;
    }

    static double percentile(List<Long> values, int p) {
        if (values.isEmpty()) {
            return 0;
        }
        long[] v = values.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(v);
        return v[Math.min(v.length - 1, (int) Math.ceil(p / 100.0 * v.length) - 1)];
    }
}
