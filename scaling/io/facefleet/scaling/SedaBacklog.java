package io.facefleet.scaling;

import io.facefleet.worker.JobRunner;
import org.apache.camel.CamelContext;
import org.apache.camel.component.seda.SedaEndpoint;

/** The local profile's backlog: the seda queue's size, and the jobs this JVM's workers hold. */
public final class SedaBacklog implements Backlog {

    private final String queueUri;
    private final JobRunner jobs;

    public SedaBacklog(String queueUri, JobRunner jobs) {
        this.queueUri = queueUri;
        this.jobs = jobs;
    }

    @Override
    public Reading read(CamelContext context) {
        return new Reading(context.getEndpoint(queueUri, SedaEndpoint.class).getCurrentQueueSize(), jobs.inFlight());
    }
}
