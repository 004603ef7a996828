package io.facefleet.worker;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.facefleet.engine.image.ImageRejectedException;
import io.facefleet.messaging.HttpError;
import io.facefleet.messaging.Job;
import io.facefleet.recognition.EnrolmentException;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.RuntimeCamelException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The error mapping of a job's failure. A failure that would recur on any worker (a bad image, a
 * bad job, an enrolment refused, a bug) becomes the job's error outcome at once, stored and sent
 * like a result: its client does not wait for the dead-letter queue. A transient one
 * ({@link Failures#isTransient}) is not this class's: it propagates, so the job stays on the queue.
 */
public final class JobFailure implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(JobFailure.class);

    /**
     * True when the exchange's failure would happen again on any worker and its job is not
     * answered yet (the route's onWhen): a message that is no job, or a reply that fails to
     * go out, is not a job's outcome.
     */
    public boolean recursOnEveryWorker(Exchange exchange) {
        Throwable e = failure(exchange);
        return e != null && exchange.getProperty(JobExchange.JOB) != null && exchange.getProperty(JobExchange.REPLIED) == null
                && (answered(e) || !Failures.isTransient(e));
    }

    /** Failures with an answer of their own, whatever lies beneath them. */
    private static boolean answered(Throwable e) {
        return e instanceof HttpError || e instanceof ImageRejectedException || e instanceof EnrolmentException
                || e instanceof IllegalArgumentException || e instanceof JsonProcessingException;
    }

    @Override
    public void process(Exchange exchange) {
        Job job = JobExchange.job(exchange);
        JobOutcome earlier = exchange.getProperty(JobExchange.OUTCOME, JobOutcome.class);
        JobOutcome now = outcome(job, failure(exchange));
        // storing an error failed too: the client still gets the first error
        exchange.setProperty(JobExchange.OUTCOME, earlier != null && earlier.status() != 200 ? earlier : now);
    }

    /** The error outcome of a failure that would recur on any worker. */
    static JobOutcome outcome(Job job, Throwable e) {
        if (e instanceof HttpError h) {
            return JobOutcome.failed(job.requestId(), h.status(), h.getMessage());
        }
        if (e instanceof ImageRejectedException r) {
            return JobOutcome.failed(job.requestId(), r.httpStatus(), r.getMessage());
        }
        if (e instanceof EnrolmentException || e instanceof IllegalArgumentException) {
            return JobOutcome.failed(job.requestId(), 422, e.getMessage());
        }
        if (e instanceof JsonProcessingException) {
            // only writing the result as JSON throws it: a bug, the same on every worker
            return JobOutcome.failed(job.requestId(), 500, "the result could not be written: " + e.getMessage());
        }
        LOG.error("job {} failed and would fail again on any worker: answered with an error", job.requestId(), e);
        return JobOutcome.failed(job.requestId(), 500, "the job failed on the worker: " + e.getMessage());
    }

    /** The exchange's failure: while the route decides (onWhen) it is the exception, in the handler the caught one. */
    private static Throwable failure(Exchange exchange) {
        Throwable e = exchange.getException() != null ? exchange.getException() : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        while (e instanceof RuntimeCamelException && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }
}
