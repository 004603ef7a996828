package io.facefleet.scaling;

/**
 * Applies a desired worker count: worker routes in this JVM, app-tier processes on this
 * machine, or EC2 instances. Drivers reconcile (compare what runs with what is wanted and act
 * on the difference), so applying the same count twice changes nothing.
 */
public interface FleetDriver {

    /** Workers counted as serving: running or starting, not draining. */
    int running();

    /** Workers starting up (included in {@link #running()}). */
    default int starting() {
        return 0;
    }

    /** Workers told to stop that are finishing their in-flight work. */
    default int draining() {
        return 0;
    }

    /** Launches or starts the cloud refused (quota, capacity, wrong state) since start. */
    default long launchesRefused() {
        return 0;
    }

    /** Launches or starts given up because the worker never appeared within the launch timeout. */
    default long launchesExpired() {
        return 0;
    }

    /** Workers that stopped or died without this driver stopping them (and were replaced). */
    default long workersLostToOthers() {
        return 0;
    }

    /** The last fleet problem reported, or empty. */
    default String lastProblem() {
        return "";
    }

    /** Starts or drains workers until {@code desired} are serving. */
    void reconcile(int desired) throws Exception;

    /** Stops everything this driver started (service shutdown). */
    default void shutdown() {
    }

    /** The context has begun to stop: change no routes from now on (Camel stops them itself). */
    default void contextStopping() {
    }
}
