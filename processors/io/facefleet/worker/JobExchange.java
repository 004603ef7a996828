package io.facefleet.worker;

import io.facefleet.messaging.Job;
import io.facefleet.storage.StorageKeys;
import org.apache.camel.Exchange;

/**
 * What the worker route's steps hand each other on a job's exchange, by name: the routes in
 * {@code app-tier.camel.yaml} name the same properties and headers.
 */
public final class JobExchange {

    /** Header: the key within a storage area that a storage step reads or writes (see the storage routes). */
    public static final String STORAGE_KEY = StorageKeys.HEADER;
    /** Property: the parsed {@link Job}; absent when the message is not a job. */
    public static final String JOB = "facefleetJob";
    /** Property: epoch millis when the worker took the job. */
    public static final String STARTED_AT = "facefleetStartedAt";
    /** Property: true when SQS delivered the job before (its result may be stored already). */
    public static final String REDELIVERED = "facefleetRedelivered";
    /** Property: the key the job's result is stored under. */
    public static final String RESULT_KEY = "facefleetResultKey";
    /** Property: true once the reply is made (from a stored result), so the job is not run. */
    public static final String ANSWERED = "facefleetAnswered";
    /** Property: true once the reply is made: later failures are not the job's outcome. */
    public static final String REPLIED = "facefleetReplied";
    /** Property: the job's images as read from storage, in the job's order. */
    public static final String IMAGES = "facefleetImages";
    /** Property: true when the job's operation needs a second image. */
    public static final String NEEDS_SECOND_IMAGE = "facefleetNeedsSecondImage";
    /** Property: the {@link JobOutcome} (result or error) to store and reply. */
    public static final String OUTCOME = "facefleetOutcome";
    /** Property: the label for the seed's output view, when the job writes it. */
    public static final String SEED_LABEL = "facefleetSeedLabel";
    /** Property: the seed output view's key (the upload's name without extension). */
    public static final String SEED_KEY = "facefleetSeedKey";

    private JobExchange() {
    }

    /** The exchange's job; fails when an earlier step found none (a route wiring bug). */
    static Job job(Exchange exchange) {
        Job job = exchange.getProperty(JOB, Job.class);
        if (job == null) {
            throw new IllegalStateException("no job on this exchange: the worker route must parse it first");
        }
        return job;
    }
}
