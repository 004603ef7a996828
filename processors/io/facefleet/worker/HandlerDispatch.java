package io.facefleet.worker;

import io.facefleet.messaging.Job;
import io.facefleet.recognition.FaceService;
import io.facefleet.storage.StorageKeys;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Runs the handler of the job's operation on the images the route read, and leaves its outcome
 * (and the seed's output view, on the seed's path) on the exchange for the storage steps. A job
 * naming no known operation fails here, as a job that would fail on any worker.
 */
public final class HandlerDispatch implements Processor {

    private final Map<Job.Operation, OperationHandler> handlers;

    public HandlerDispatch(Map<Job.Operation, OperationHandler> handlers) {
        this.handlers = Map.copyOf(handlers);
    }

    /** The four operations' handlers over one face service. */
    public static HandlerDispatch of(FaceService service, String unknownLabel) {
        return new HandlerDispatch(Map.of(
                Job.Operation.RECOGNIZE, new RecognizeHandler(service, unknownLabel),
                Job.Operation.DETECT, new DetectHandler(service),
                Job.Operation.VERIFY, new VerifyHandler(service),
                Job.Operation.ENROLL, new EnrollHandler(service)));
    }

    /** The handler of an operation; a job with none known is refused (422 through {@link JobFailure}). */
    OperationHandler handler(Job job) {
        OperationHandler h = job.operation() == null ? null : handlers.get(job.operation());
        if (h == null) {
            throw new IllegalArgumentException("unknown operation " + (job.operation() == null ? "(none this worker knows)" : job.operation().wireName()));
        }
        return h;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void process(Exchange exchange) throws Exception {
        Job job = JobExchange.job(exchange);
        OperationHandler.Handled handled = handler(job).handle(job, exchange.getProperty(JobExchange.IMAGES, List.class));
        exchange.setProperty(JobExchange.OUTCOME, JobOutcome.done(job.requestId(), handled.result(), handled.label()));
        if (handled.seedLabel() != null) {
            exchange.setProperty(JobExchange.SEED_LABEL, handled.seedLabel());
            exchange.setProperty(JobExchange.SEED_KEY, StorageKeys.stem(job.seedName()));
        }
    }
}
