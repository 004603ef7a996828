package io.facefleet.worker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CancellationException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Tells a failure that may pass (storage or queue unreachable, the worker stopping) from one that
 * will happen again on every worker (a bad job, a bug). Only the first kind is worth a redelivery:
 * the second is answered at once with an error, so its client never waits for the dead-letter queue.
 */
final class Failures {

    private Failures() {
    }

    /** True when trying the same job again later may succeed. */
    static boolean isTransient(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SdkException || t instanceof IOException || t instanceof UncheckedIOException
                    || t instanceof InterruptedException || t instanceof CancellationException) {
                return true;
            }
        }
        return false;
    }
}
