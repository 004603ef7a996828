package io.facefleet.scaling;

import java.lang.management.ManagementFactory;
import javax.management.InstanceAlreadyExistsException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scaling tier's tick: read the backlog, ask {@link WindowedBacklogPolicy} for a worker count, let
 * the {@link FleetDriver} reconcile to it, and log each change with its reason. The last
 * figures are kept for metrics and JMX.
 */
public final class FleetController implements Processor, FleetControllerMBean {

    private static final Logger LOG = LoggerFactory.getLogger(FleetController.class);

    private final Backlog backlog;
    private final FleetDriver driver;
    private final FleetLimits limits;
    private final BacklogHistory history;
    private final java.util.function.LongSupplier localArrivals;
    private volatile int desired;
    private volatile Backlog.Reading last = new Backlog.Reading(0, 0);
    private volatile String lastReason = "not started";
    private final java.util.concurrent.atomic.AtomicLong ticks = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong ticksWhileDraining = new java.util.concurrent.atomic.AtomicLong();

    /** @param localArrivals when this host's web tier last queued a job (Long.MIN_VALUE: never, or no web tier here) */
    public FleetController(Backlog backlog, FleetDriver driver, FleetLimits limits, java.util.function.LongSupplier localArrivals) {
        this.backlog = backlog;
        this.driver = driver;
        this.limits = limits;
        this.history = new BacklogHistory(limits.windowMillis());
        this.localArrivals = localArrivals;
    }

    @Override
    public synchronized void process(Exchange exchange) throws Exception {
        Backlog.Reading r = backlog.read();
        last = r;
        int running = driver.running();
        int starting = driver.starting();
        Observation o = history.observe(System.currentTimeMillis(), r.visible(), r.inFlight(), running - starting, starting,
                driver.draining(), localArrivals.getAsLong());
        WindowedBacklogPolicy.Decision d = WindowedBacklogPolicy.decide(o, limits);
        if (d.desired() != desired || d.desired() != running) {
            LOG.info("workers {} -> {}: {} (queued {}, in flight {}, starting {}, draining {})", running, d.desired(),
                    d.reason(), r.visible(), r.inFlight(), driver.starting(), driver.draining());
        }
        desired = d.desired();
        lastReason = d.reason();
        driver.reconcile(d.desired());
        // a driver drains leaving workers on its own threads: the ticks go on meanwhile
        ticks.incrementAndGet();
        if (o.draining() > 0) {
            ticksWhileDraining.incrementAndGet();
        }
        exchange.getMessage().setBody(driver.running());
    }

    /** Registers this controller as {@code io.facefleet:type=FleetController} in the platform MBean server. */
    public FleetController registerMBean() {
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            ObjectName name = new ObjectName("io.facefleet:type=FleetController");
            if (server.isRegistered(name)) {
                server.unregisterMBean(name);
            }
            server.registerMBean(this, name);
        } catch (InstanceAlreadyExistsException e) {
            LOG.warn("another FleetController is registered in JMX");
        } catch (Exception e) {
            throw new IllegalStateException("cannot register the FleetController MBean", e);
        }
        return this;
    }

    /** The driver this controller applies its decisions with. */
    public FleetDriver driver() {
        return driver;
    }

    public void shutdown() {
        driver.shutdown();
    }

    @Override
    public int getDesired() {
        return desired;
    }

    @Override
    public int getRunning() {
        return driver.running();
    }

    @Override
    public int getStarting() {
        return driver.starting();
    }

    @Override
    public int getDraining() {
        return driver.draining();
    }

    @Override
    public int getVisible() {
        return last.visible();
    }

    @Override
    public int getInFlight() {
        return last.inFlight();
    }

    @Override
    public int getBacklog() {
        return last.total();
    }

    @Override
    public String getLastReason() {
        return lastReason;
    }

    @Override
    public long getTicks() {
        return ticks.get();
    }

    @Override
    public long getTicksWhileDraining() {
        return ticksWhileDraining.get();
    }

    @Override
    public long getLaunchesRefused() {
        return driver.launchesRefused();
    }

    @Override
    public long getLaunchesExpired() {
        return driver.launchesExpired();
    }

    @Override
    public long getWorkersLostToOthers() {
        return driver.workersLostToOthers();
    }

    @Override
    public String getLastFleetProblem() {
        return driver.lastProblem();
    }

    @Override
    public String getDriver() {
        return driver.getClass().getSimpleName();
    }
}
