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

    /** Launches or starts the cloud refused (instance limit, capacity, wrong state). */
    long getLaunchesRefused();

    /** Launches or starts that never showed up within the launch timeout. */
    long getLaunchesExpired();

    /** Workers stopped, terminated or dead without the controller asking. */
    long getWorkersLostToOthers();

    /** The last fleet problem the driver reported, or empty. */
    String getLastFleetProblem();
}
