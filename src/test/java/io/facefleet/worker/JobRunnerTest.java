package io.facefleet.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.facefleet.json.Mappers;
import io.facefleet.messaging.Job;
import io.facefleet.testing.Exchanges;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.spi.Synchronization;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/** JobRunner alone, on plain exchanges: parsing, answering a redelivery from its stored result, the reply. */
class JobRunnerTest {

    private final JobRunner runner = new JobRunner();

    private static Exchange message(String body) {
        Exchange e = Exchanges.plain();
        e.getMessage().setBody(body);
        return e;
    }

    private static String job(String requestId, String operation, String replyTo) {
        return "{\"requestId\":\"" + requestId + "\",\"imageKey\":\"" + requestId + ".jpg\""
                + (operation == null ? "" : ",\"operation\":\"" + operation + "\"")
                + (replyTo == null ? "" : ",\"replyTo\":\"" + replyTo + "\"") + ",\"submittedAt\":1,\"attempt\":1}";
    }

    @Test
    void aJobIsParsedWithItsTypedOperationAndWrittenBackWithTheSameWireName() throws Exception {
        for (String name : new String[] {"recognize", "detect", "verify", "enroll", "search-faces"}) {
            Job.Operation op = new Job.Operation(name);
            Exchange e = message(job("r-1", op.wireName(), "replies"));
            runner.accept(e);
            Job parsed = e.getProperty(JobExchange.JOB, Job.class);
            assertEquals(op, parsed.operation());
            assertEquals("r-1.json", e.getProperty(JobExchange.RESULT_KEY));
            assertEquals(op.wireName(), Mappers.json().readTree(Mappers.json().writeValueAsString(parsed)).get("operation").asText());
        }
        assertEquals("recognize", Job.Operation.RECOGNIZE.wireName());
    }

    @Test
    void aJobWithAMalformedOrNoOperationIsStillAJobSoItGetsAnErrorReplyNotDropped() {
        for (String op : new String[] {"RECOGNIZE", "../recognize", "", null}) {
            Exchange e = message(job("forged-1", op, "replies"));
            runner.accept(e);
            Job parsed = e.getProperty(JobExchange.JOB, Job.class);
            assertNotNull(parsed, "operation " + op + ": a job");
            assertNull(parsed.operation());
        }
    }

    @Test
    void aMessageThatIsNotAJobLeavesNoJobAndNoReplyQueue() {
        for (String body : new String[] {"this is not a job", "{\"requestId\":\"../x\",\"operation\":\"recognize\"}", "{\"operation\":\"recognize\"}", "[]"}) {
            Exchange e = message(body);
            e.getMessage().setHeader(JobRunner.REPLY_TO, "someone");
            runner.accept(e);
            assertNull(e.getProperty(JobExchange.JOB), body);
            assertNull(e.getMessage().getHeader(JobRunner.REPLY_TO), body);
        }
    }

    @Test
    void sqsReceiveCountAboveOneMarksARedelivery() {
        Exchange first = message(job("r-2", "detect", null));
        runner.accept(first);
        assertEquals(false, first.getProperty(JobExchange.REDELIVERED));
        Exchange again = message(job("r-2", "detect", null));
        again.getMessage().setHeader("CamelAwsSqsAttributes", Map.of(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "2"));
        runner.accept(again);
        assertEquals(true, again.getProperty(JobExchange.REDELIVERED));
    }

    @Test
    void aRedeliveryIsAnsweredFromItsStoredResultWhenItIsTheJobs() throws Exception {
        Exchange e = message(job("r-3", "recognize", "replies"));
        runner.accept(e);
        e.getMessage().setBody("{\"faces\":[],\"label\":\"Paul\",\"requestId\":\"r-3\"}".getBytes(StandardCharsets.UTF_8));
        runner.answerFromStoredResult(e);
        assertEquals(true, e.getProperty(JobExchange.ANSWERED));
        JsonNode reply = Mappers.json().readTree(e.getMessage().getBody(String.class));
        assertEquals(200, reply.get("status").asInt());
        assertEquals("Paul", reply.get("label").asText());
        assertEquals("r-3", reply.get("requestId").asText());
        assertEquals("replies", e.getMessage().getHeader(JobRunner.REPLY_TO));
    }

    @Test
    void aStoredErrorIsAnsweredAsThatError() throws Exception {
        Exchange e = message(job("r-4", "recognize", "replies"));
        runner.accept(e);
        e.getMessage().setBody("{\"status\":422,\"error\":\"no face\",\"requestId\":\"r-4\"}".getBytes(StandardCharsets.UTF_8));
        runner.answerFromStoredResult(e);
        JsonNode reply = Mappers.json().readTree(e.getMessage().getBody(String.class));
        assertEquals(422, reply.get("status").asInt());
        assertEquals("no face", reply.get("error").asText());
    }

    @Test
    void noStoredResultOrAnotherJobsOrAnUnreadableOneRunsTheJob() throws Exception {
        List<byte[]> stored = new java.util.ArrayList<>();
        stored.add(null);
        stored.add("{\"label\":\"Paul\",\"requestId\":\"someone-else\"}".getBytes(StandardCharsets.UTF_8));
        stored.add("not json".getBytes(StandardCharsets.UTF_8));
        for (byte[] bytes : stored) {
            Exchange e = message(job("r-5", "recognize", "replies"));
            runner.accept(e);
            e.getMessage().setBody(bytes);
            runner.answerFromStoredResult(e);
            assertNull(e.getProperty(JobExchange.ANSWERED));
        }
    }

    @Test
    void theReplyCarriesTheOutcomeAndGoesOnlyToAValidReplyQueue() throws Exception {
        Exchange e = message(job("r-6", "detect", "replies-1"));
        runner.accept(e);
        e.setProperty(JobExchange.OUTCOME, JobOutcome.failed("r-6", 410, "gone"));
        runner.reply(e);
        JsonNode reply = Mappers.json().readTree(e.getMessage().getBody(String.class));
        assertEquals(410, reply.get("status").asInt());
        assertEquals("gone", reply.get("error").asText());
        assertTrue(reply.get("queuedMillis").asLong() > 0, "queued since submittedAt=1");
        assertEquals("replies-1", e.getMessage().getHeader(JobRunner.REPLY_TO));

        Exchange steered = message(job("r-7", "detect", "q?x=1"));
        runner.accept(steered);
        steered.setProperty(JobExchange.OUTCOME, JobOutcome.done("r-7", Mappers.json().createObjectNode(), null));
        runner.reply(steered);
        assertNull(steered.getMessage().getHeader(JobRunner.REPLY_TO), "a reply queue name SQS would not allow gets no reply");
        assertEquals(200, Mappers.json().readTree(steered.getMessage().getBody(String.class)).get("status").asInt());
    }

    @Test
    void aJobCountsInFlightUntilItsExchangeEnds() {
        Exchange a = message(job("r-8", "detect", null));
        Exchange b = message("not a job");
        runner.accept(a);
        runner.accept(b);
        assertEquals(2, runner.inFlight());
        List<Synchronization> doneA = a.getExchangeExtension().handoverCompletions();
        assertEquals(2, runner.inFlight(), "still counted after its first step: the route is not done with it");
        doneA.forEach(s -> s.onComplete(a));
        assertEquals(1, runner.inFlight());
        b.getExchangeExtension().handoverCompletions().forEach(s -> s.onFailure(b));
        assertEquals(0, runner.inFlight(), "a failed exchange ends too");
        assertFalse(runner.inFlight() < 0);
    }
}
