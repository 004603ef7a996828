package io.facefleet.scaling;

/** What the scaling controller shows over JMX (Hawtio, Jolokia): {@code io.facefleet:type=FleetController}. */
public interface FleetControllerMBean {

    int getDesired();

    int getRunning();

    int getStarting();

    int getDraining();

    int getVisible();

    int getInFlight();

    int getBacklog();

    String getLastReason();

    String getDriver();

    /** Decisions made since start (one per timer tick). */
    long getTicks();

    /** Decisions made while some worker was draining: a drain never holds up the controller. */
    long getTicksWhileDraining();
}
