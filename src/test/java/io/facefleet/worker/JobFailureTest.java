package io.facefleet.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonGenerationException;
import io.facefleet.engine.image.ImageRejectedException;
import io.facefleet.json.Mappers;
import io.facefleet.messaging.HttpError;
import io.facefleet.messaging.Job;
import io.facefleet.testing.Exchanges;
import io.facefleet.recognition.EnrolmentException;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.camel.Exchange;
import org.apache.camel.RuntimeCamelException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** The error mapping alone: which failures end a job at once, and with what status and message. */
class JobFailureTest {

    private final JobFailure failure = new JobFailure();
    private final Job job = new Job("r-1", "r-1.jpg", Job.Operation.RECOGNIZE, null, null, "replies", 1, 1, null);

    /** An exchange as the route's onWhen sees it (exception set) or its handler does (exception caught). */
    private Exchange failedWith(Throwable e, boolean caught) {
        Exchange x = Exchanges.plain();
        x.setProperty(JobExchange.JOB, job);
        if (caught) {
            x.setProperty(Exchange.EXCEPTION_CAUGHT, e);
        } else {
            x.setException(e);
        }
        return x;
    }

    private JobOutcome outcome(Throwable e) {
        Exchange x = failedWith(e, true);
        failure.process(x);
        return x.getProperty(JobExchange.OUTCOME, JobOutcome.class);
    }

    @Test
    void failuresThatWouldRecurOnAnyWorkerAreAnsweredWithTheirStatus() throws Exception {
        assertEquals(415, outcome(new ImageRejectedException(ImageRejectedException.Reason.NOT_AN_IMAGE, "not an image")).status());
        assertEquals(422, outcome(new EnrolmentException("no face")).status());
        assertEquals(422, outcome(new IllegalArgumentException("unsafe storage key: ../x")).status());
        assertEquals(410, outcome(new HttpError(410, "the request's image is no longer in storage")).status());
        JobOutcome json = outcome(new JsonGenerationException("boom", (com.fasterxml.jackson.core.JsonGenerator) null));
        assertEquals(500, json.status());
        assertTrue(json.error().startsWith("the result could not be written"), json.error());
        JobOutcome bug = outcome(new NullPointerException("a bug"));
        assertEquals(500, bug.status());
        assertEquals("the job failed on the worker: a bug", bug.error());
        // wrapped by Camel: the cause decides
        assertEquals(422, outcome(new RuntimeCamelException(new EnrolmentException("no face"))).status());
    }

    @Test
    void theErrorOutcomeIsStoredAsTheJobsResultDocument() throws Exception {
        JobOutcome o = outcome(new EnrolmentException("two faces"));
        var doc = Mappers.json().readTree(o.document());
        assertEquals(422, doc.get("status").asInt());
        assertEquals("two faces", doc.get("error").asText());
        assertEquals("r-1", doc.get("requestId").asText());
    }

    @Test
    void onlyFailuresThatWouldRecurAreTakenOverTransientOnesPropagate() {
        for (boolean caught : new boolean[] {false, true}) {
            assertTrue(failure.recursOnEveryWorker(failedWith(new EnrolmentException("no face"), caught)));
            assertTrue(failure.recursOnEveryWorker(failedWith(new IllegalStateException("a bug"), caught)));
            // an argument refused is refused everywhere, whatever lies beneath
            assertTrue(failure.recursOnEveryWorker(failedWith(new IllegalArgumentException("bad", SdkClientException.create("x")), caught)));
            assertFalse(failure.recursOnEveryWorker(failedWith(SdkClientException.create("S3 unreachable"), caught)));
            assertFalse(failure.recursOnEveryWorker(failedWith(S3Exception.builder().message("503").statusCode(503).build(), caught)));
            assertFalse(failure.recursOnEveryWorker(failedWith(new UncheckedIOException(new IOException("disk")), caught)));
            assertFalse(failure.recursOnEveryWorker(failedWith(new RuntimeCamelException(new IOException("disk")), caught)));
            assertFalse(failure.recursOnEveryWorker(failedWith(new InterruptedException(), caught)));
        }
        assertFalse(failure.recursOnEveryWorker(Exchanges.plain()), "no failure at all");
        Exchange noJob = failedWith(new IllegalStateException("a bug"), false);
        noJob.removeProperty(JobExchange.JOB);
        assertFalse(failure.recursOnEveryWorker(noJob), "a message that is no job has no outcome");
        Exchange replied = failedWith(new IllegalStateException("a bug"), false);
        replied.setProperty(JobExchange.REPLIED, true);
        assertFalse(failure.recursOnEveryWorker(replied), "a reply that fails to go out is not the job's outcome");
    }

    @Test
    void aFailureStoringAnErrorKeepsTheFirstError() {
        Exchange x = failedWith(new IllegalStateException("disk full of bugs"), true);
        x.setProperty(JobExchange.OUTCOME, JobOutcome.failed("r-1", 410, "gone"));
        failure.process(x);
        assertEquals(410, x.getProperty(JobExchange.OUTCOME, JobOutcome.class).status());
    }
}
