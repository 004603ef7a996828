package io.facefleet.web;

import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When the web tier's Camel context begins to stop, and before any route stops: refuse new
 * requests and let the ones waiting get their replies (the reply route is still consuming). Only
 * then do routes stop. A restart thus answers everything it accepted, within the drain time.
 */
public final class DrainOnStop extends EventNotifierSupport {

    private static final Logger LOG = LoggerFactory.getLogger(DrainOnStop.class);

    private final Admission admission;
    private final long drainMillis;

    public DrainOnStop(Admission admission, long drainMillis) {
        this.admission = admission;
        this.drainMillis = drainMillis;
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof CamelEvent.CamelContextStoppingEvent;
    }

    @Override
    public void notify(CamelEvent event) throws Exception {
        long t0 = System.currentTimeMillis();
        LOG.info("web tier stopping: refusing new requests, draining {} waiting (at most {} ms)", admission.admitted(), drainMillis);
        admission.drain(drainMillis);
        LOG.info("web tier drained in {} ms ({} still waiting)", System.currentTimeMillis() - t0, admission.admitted());
    }
}
