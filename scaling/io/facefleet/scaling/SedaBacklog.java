package io.facefleet.scaling;

import java.util.function.IntSupplier;
import java.util.function.Supplier;
import org.apache.camel.CamelContext;
import org.apache.camel.component.seda.SedaEndpoint;

/** The local profile's backlog: the seda queue's size, and the jobs this JVM's workers hold. */
public final class SedaBacklog implements Backlog {

    private final Supplier<CamelContext> camel;
    private final String queueUri;
    private final IntSupplier inFlight;

    /**
     * @param camel the context the queue lives in (built after this backlog, read at each tick)
     * @param inFlight jobs this JVM's workers are working on
     */
    public SedaBacklog(Supplier<CamelContext> camel, String queueUri, IntSupplier inFlight) {
        this.camel = camel;
        this.queueUri = queueUri;
        this.inFlight = inFlight;
    }

    @Override
    public Reading read() {
        return new Reading(camel.get().getEndpoint(queueUri, SedaEndpoint.class).getCurrentQueueSize(), inFlight.getAsInt());
    }
}
