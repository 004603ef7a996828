package io.facefleet.worker;

import io.facefleet.messaging.Job;
import io.facefleet.storage.StorageKeys;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

    /**
     * One instance of every handler class in this package ({@link OperationHandler.Handles}),
     * found among the package's classes ({@link PackageClasses}), keyed by the operation it names.
     */
    public static HandlerDispatch discover(OperationHandler.Needs needs) {
        Map<Job.Operation, OperationHandler> found = new HashMap<>();
        for (Class<?> type : annotatedClasses()) {
            Job.Operation operation = new Job.Operation(type.getAnnotation(OperationHandler.Handles.class).value());
            OperationHandler before = found.put(operation, instantiate(type, needs));
            if (before != null) {
                throw new IllegalStateException("two handlers for operation " + operation + ": " + before.getClass().getName() + " and " + type.getName());
            }
        }
        if (found.isEmpty()) {
            throw new IllegalStateException("no operation handler found in package " + HandlerDispatch.class.getPackageName());
        }
        return new HandlerDispatch(found);
    }

    private static List<Class<?>> annotatedClasses() {
        ClassLoader loader = HandlerDispatch.class.getClassLoader();
        List<Class<?>> marked = new ArrayList<>();
        for (String name : PackageClasses.names(loader, HandlerDispatch.class.getPackageName())) {
            try {
                Class<?> type = Class.forName(name, false, loader);
                if (type.isAnnotationPresent(OperationHandler.Handles.class)) {
                    marked.add(type);
                }
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("class " + name + " is listed in its package but does not load", e);
            }
        }
        return marked;
    }

    private static OperationHandler instantiate(Class<?> type, OperationHandler.Needs needs) {
        if (!OperationHandler.class.isAssignableFrom(type)) {
            throw new IllegalStateException(type.getName() + " is marked @Handles but is no OperationHandler");
        }
        try {
            return (OperationHandler) type.getConstructor(OperationHandler.Needs.class).newInstance(needs);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(type.getName() + " needs a public constructor taking OperationHandler.Needs", e);
        }
    }

    /** The operations this worker has handlers for. */
    public Set<Job.Operation> operations() {
        return handlers.keySet();
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
