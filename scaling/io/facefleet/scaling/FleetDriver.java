package io.facefleet.scaling;

import org.apache.camel.CamelContext;

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

    /** Starts or drains workers until {@code desired} are serving. */
    void reconcile(int desired, CamelContext context) throws Exception;

    /** Stops everything this driver started (service shutdown). */
    default void shutdown() {
    }
}
