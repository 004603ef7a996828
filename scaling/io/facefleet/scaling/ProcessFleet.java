package io.facefleet.scaling;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The process fleet: each worker is an app-tier JVM on this machine, started with the same
 * profile and settings as this host plus {@code facefleet.tiers=app}, working on the same queues
 * and storage. Scale-in drains: the process gets SIGTERM, Camel stops consuming and finishes its
 * in-flight jobs, then exits; only a process still alive after the drain timeout is killed.
 * A worker that dies on its own is noticed at the next tick and replaced.
 */
public final class ProcessFleet implements FleetDriver {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessFleet.class);

    /** How to start one worker: the JVM command line up to the main class, and its settings. */
    public record Launch(String javaCommand, List<String> jvmOptions, String classpath, List<String> settings, Path logDir) {
    }

    private record Worker(int number, Process process) {
    }

    private final Launch launch;
    private final long drainTimeoutMillis;
    private final List<Worker> serving = new ArrayList<>();
    /** Workers told to stop, with the time they were told. */
    private final Map<Worker, Long> draining = new LinkedHashMap<>();
    private int sequence;
    private volatile long lost;
    private volatile long killed;
    private volatile String lastProblem = "";

    public ProcessFleet(Launch launch, long drainTimeoutMillis) {
        this.launch = launch;
        this.drainTimeoutMillis = drainTimeoutMillis;
    }

    @Override
    public synchronized int running() {
        return serving.size();
    }

    @Override
    public synchronized int draining() {
        return draining.size();
    }

    /** Draining processes killed because they were still alive after the drain timeout. */
    public long killedAfterDrainTimeout() {
        return killed;
    }

    @Override
    public long workersLostToOthers() {
        return lost;
    }

    @Override
    public String lastProblem() {
        return lastProblem;
    }

    /** The live worker processes, newest last (tests kill one to prove nothing is lost). */
    public synchronized List<ProcessHandle> processes() {
        return serving.stream().map(w -> w.process().toHandle()).toList();
    }

    @Override
    public synchronized void reconcile(int desired) {
        forgetExited();
        while (serving.size() < desired) {
            serving.add(start(++sequence));
        }
        while (serving.size() > desired) {
            Worker w = serving.remove(serving.size() - 1);
            LOG.info("draining app-tier process {} (pid {})", w.number(), w.process().pid());
            w.process().destroy();
            draining.put(w, System.currentTimeMillis());
        }
    }

    private void forgetExited() {
        for (Iterator<Worker> it = serving.iterator(); it.hasNext();) {
            Worker w = it.next();
            if (!w.process().isAlive()) {
                lastProblem = "app-tier process " + w.number() + " (pid " + w.process().pid() + ") exited with " + w.process().exitValue()
                        + " without being stopped; it is replaced";
                LOG.warn(lastProblem);
                lost++;
                it.remove();
            }
        }
        long now = System.currentTimeMillis();
        for (Iterator<Map.Entry<Worker, Long>> it = draining.entrySet().iterator(); it.hasNext();) {
            Map.Entry<Worker, Long> e = it.next();
            Worker w = e.getKey();
            if (!w.process().isAlive()) {
                LOG.info("app-tier process {} drained and stopped", w.number());
                it.remove();
            } else if (now - e.getValue() > drainTimeoutMillis) {
                LOG.warn("app-tier process {} did not drain within {} ms: killing it", w.number(), drainTimeoutMillis);
                killed++;
                w.process().destroyForcibly();
            }
        }
    }

    private Worker start(int n) {
        List<String> cmd = new ArrayList<>();
        cmd.add(launch.javaCommand());
        cmd.addAll(launch.jvmOptions());
        cmd.add("-cp");
        cmd.add(launch.classpath());
        cmd.add("io.facefleet.boot.Main");
        cmd.addAll(launch.settings());
        cmd.add("facefleet.tiers=app");
        cmd.add("facefleet.worker-name=process-" + n);
        try {
            Files.createDirectories(launch.logDir());
            File log = launch.logDir().resolve("app-tier-process-" + n + ".log").toFile();
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log)).start();
            LOG.info("started app-tier process {} (pid {}), log {}", n, p.pid(), log);
            return new Worker(n, p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start an app-tier process: " + cmd, e);
        }
    }

    @Override
    public synchronized void shutdown() {
        reconcile(0);
        for (Worker w : draining.keySet()) {
            try {
                if (!w.process().waitFor(drainTimeoutMillis, TimeUnit.MILLISECONDS)) {
                    LOG.warn("app-tier process {} did not drain in time: killing it", w.number());
                    w.process().destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                w.process().destroyForcibly();
            }
        }
        draining.clear();
    }
}
