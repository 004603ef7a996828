package io.facefleet.aws;

/**
 * The longest a job can take to reach the dead-letter queue, from the queue settings, checked
 * against how long a web request waits for its reply: a job that fails on every worker must be
 * answered (by the dead-letter route) before its client gives up, never with a 504.
 *
 * <p>Each receive can last the visibility timeout (a worker that died holding the job) plus the
 * worker's own retries of an unreachable backend; after the last receive SQS moves the job on the
 * next poll, and the dead-letter route takes it within one long-poll wait.
 *
 * @param maxReceives receives before SQS moves a job to the dead-letter queue
 * @param visibilityTimeoutSeconds how long a received job stays hidden
 * @param backendRetries retries of a step whose backend was unreachable
 * @param backendRetryDelayMillis the first retry's delay (doubling, each capped at {@code maxRetryDelayMillis})
 * @param maxRetryDelayMillis the longest single retry delay
 * @param waitTimeSeconds the dead-letter route's long-poll wait
 */
public record RedeliveryBudget(int maxReceives, int visibilityTimeoutSeconds, int backendRetries, long backendRetryDelayMillis,
                               long maxRetryDelayMillis, int waitTimeSeconds) {

    /** The worst case from a job's first receive to its dead-letter answer, in milliseconds. */
    public long worstCaseMillis() {
        long retries = 0;
        long delay = backendRetryDelayMillis;
        for (int i = 0; i < backendRetries; i++) {
            retries += Math.min(delay, maxRetryDelayMillis);
            delay *= 2;
        }
        return maxReceives * (visibilityTimeoutSeconds * 1000L + retries) + waitTimeSeconds * 1000L;
    }

    /** Refuses settings under which a failing job would be answered only after its client's wait ended. */
    public void requireWithin(long replyTimeoutMillis) {
        long worst = worstCaseMillis();
        if (worst >= replyTimeoutMillis) {
            throw new IllegalArgumentException("a job failing on every worker would reach the dead-letter queue after up to "
                    + worst + " ms (facefleet.sqs.max-receives=" + maxReceives + " x (facefleet.sqs.visibility-timeout-s="
                    + visibilityTimeoutSeconds + " s + backend retries) + facefleet.sqs.wait-time-s=" + waitTimeSeconds
                    + " s), not before facefleet.web.reply-timeout-ms=" + replyTimeoutMillis
                    + " ends: lower the receives or the visibility timeout, or raise the reply timeout");
        }
    }
}
