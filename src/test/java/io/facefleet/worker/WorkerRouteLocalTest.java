package io.facefleet.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.facefleet.engine.image.ImageDecoder;
import io.facefleet.gallery.Gallery;
import io.facefleet.json.Mappers;
import io.facefleet.recognition.FaceService;
import io.facefleet.testing.DemoFaces;
import io.facefleet.testing.TestData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.apache.camel.CamelContext;
import org.apache.camel.ConsumerTemplate;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * The worker route of app-tier.camel.yaml over the local storage routes, in a bare Camel context
 * (no booted service): one worker from the template, jobs in on a seda queue, replies out on one.
 * What the route must do with a job's storage: read its image, write the seed's view and the
 * result last, answer a redelivery from the stored result, and answer failures that would recur.
 */
class WorkerRouteLocalTest {

    @TempDir
    static Path data;
    private static CamelContext context;
    private static ProducerTemplate producer;
    private static ConsumerTemplate consumer;
    private static JobRunner runner;
    private static DemoFaces.Person paul;

    @BeforeAll
    static void start() throws Exception {
        paul = DemoFaces.people().get(0);
        FaceService service = new FaceService(new ImageDecoder(), TestData.engine(), Gallery.open(data, 0.6f));
        service.enroll(paul.label(), paul.portrait(), "portrait");
        context = new DefaultCamelContext();
        Properties settings = new Properties();
        settings.load(WorkerRouteLocalTest.class.getResourceAsStream("/application.properties"));
        settings.setProperty("facefleet.data-dir", data.toString());
        context.getPropertiesComponent().setInitialProperties(settings);
        runner = new JobRunner();
        HandlerDispatch handlers = HandlerDispatch.discover(new OperationHandler.Needs(service, "Unknown"));
        context.getRegistry().bind("jobRunner", runner);
        context.getRegistry().bind("jobHandlers", handlers);
        context.getRegistry().bind("jobImages", new JobImages(handlers));
        context.getRegistry().bind("jobFailure", new JobFailure());
        context.getRegistry().bind("replyQueueCheck", (Processor) exchange -> { });
        for (String file : new String[] {"backend-retries", "app-tier", "replies", "storage-local"}) {
            PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.resolveMandatoryResource(context, "classpath:routes/" + file + ".camel.yaml"));
        }
        context.start();
        context.addRouteFromTemplate("worker-1", "worker", Map.of("workerId", "worker-1", "queue", "seda:jobs"));
        producer = context.createProducerTemplate();
        consumer = context.createConsumerTemplate();
    }

    @AfterAll
    static void stop() throws Exception {
        if (context != null) {
            context.close();
        }
    }

    private static String job(String id, String operation, String imageKey, String seedName) {
        return "{\"requestId\":\"" + id + "\",\"imageKey\":\"" + imageKey + "\",\"operation\":\"" + operation + "\",\"replyTo\":\"replies-" + id
                + "\",\"submittedAt\":1,\"attempt\":1" + (seedName == null ? "" : ",\"seedName\":\"" + seedName + "\"") + "}";
    }

    private static void storeImage(String key, byte[] bytes) throws Exception {
        Files.createDirectories(data.resolve("images"));
        Files.write(data.resolve("images").resolve(key), bytes);
    }

    private static JsonNode reply(String id) throws Exception {
        String body = consumer.receiveBody("seda:replies-" + id, 60_000, String.class);
        assertNotNull(body, "a reply for " + id);
        return Mappers.json().readTree(body);
    }

    private static JsonNode storedResult(String id) throws Exception {
        return Mappers.json().readTree(Files.readAllBytes(data.resolve("results").resolve(id + ".json")));
    }

    @Test
    void aSeedJobReadsItsImageWritesTheSeedViewAndItsResultAndReplies() throws Exception {
        storeImage("r-seed.jpg", paul.variant(1));
        producer.sendBody("seda:jobs", job("r-seed", "recognize", "r-seed.jpg", "test_00.jpg"));
        JsonNode reply = reply("r-seed");
        assertEquals(200, reply.get("status").asInt(), reply.toString());
        assertEquals(paul.label(), reply.get("label").asText());
        assertEquals(paul.label(), Files.readString(data.resolve("output/test_00")));
        assertEquals(paul.label(), storedResult("r-seed").get("label").asText());
        assertEquals("r-seed", storedResult("r-seed").get("requestId").asText());
        try (var left = Files.list(data.resolve("results"))) {
            assertTrue(left.noneMatch(f -> f.getFileName().toString().startsWith(".")), "no temporary file left behind");
        }
    }

    @Test
    void verifyReadsBothImages() throws Exception {
        storeImage("r-verify.jpg", paul.variant(2));
        storeImage("r-verify-second.jpg", paul.variant(3));
        producer.sendBody("seda:jobs", "{\"requestId\":\"r-verify\",\"imageKey\":\"r-verify.jpg\",\"otherKey\":\"r-verify-second.jpg\","
                + "\"operation\":\"verify\",\"replyTo\":\"replies-r-verify\",\"submittedAt\":1,\"attempt\":1}");
        JsonNode reply = reply("r-verify");
        assertEquals(200, reply.get("status").asInt(), reply.toString());
        assertTrue(reply.get("result").get("samePerson").asBoolean(), reply.toString());
    }

    @Test
    void aRedeliveredJobWithAStoredResultIsAnsweredFromItAndWritesNothing() throws Exception {
        Files.createDirectories(data.resolve("results"));
        Files.writeString(data.resolve("results/r-again.json"), "{\"faces\":[],\"label\":\"Stored\",\"requestId\":\"r-again\"}");
        // the image is gone: running the job again would answer 410, not the stored result
        Exchange redelivered = context.getEndpoint("seda:jobs").createExchange();
        redelivered.getMessage().setBody(job("r-again", "recognize", "r-again.jpg", "again.jpg"));
        redelivered.getMessage().setHeader("CamelAwsSqsAttributes", Map.of(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "2"));
        producer.send("seda:jobs", redelivered);
        JsonNode reply = reply("r-again");
        assertEquals(200, reply.get("status").asInt(), reply.toString());
        assertEquals("Stored", reply.get("label").asText());
        assertFalse(Files.exists(data.resolve("output/again")), "nothing written: no seed view");
        assertEquals("{\"faces\":[],\"label\":\"Stored\",\"requestId\":\"r-again\"}", Files.readString(data.resolve("results/r-again.json")));
    }

    @Test
    void failuresThatWouldRecurAreAnsweredAtOnceAndStoredAsTheResult() throws Exception {
        producer.sendBody("seda:jobs", job("r-gone", "recognize", "r-gone.jpg", null));
        assertEquals(410, reply("r-gone").get("status").asInt());
        assertEquals(410, storedResult("r-gone").get("status").asInt());

        producer.sendBody("seda:jobs", job("r-escape", "recognize", "../escape.jpg", null));
        JsonNode escape = reply("r-escape");
        assertEquals(422, escape.get("status").asInt());
        assertTrue(escape.get("error").asText().contains("unsafe storage key"), escape.toString());

        storeImage("r-op.jpg", paul.variant(4));
        producer.sendBody("seda:jobs", job("r-op", "bogus", "r-op.jpg", null));
        JsonNode op = reply("r-op");
        assertEquals(422, op.get("status").asInt());
        assertTrue(op.get("error").asText().startsWith("unknown operation"), op.toString());

        storeImage("r-notimage.jpg", "not an image at all".getBytes(StandardCharsets.UTF_8));
        producer.sendBody("seda:jobs", job("r-notimage", "detect", "r-notimage.jpg", null));
        assertEquals(415, reply("r-notimage").get("status").asInt());
        assertEquals(415, storedResult("r-notimage").get("status").asInt());
    }

    @Test
    void aMessageThatIsNotAJobIsDroppedAndTheWorkerGoesOn() throws Exception {
        producer.sendBody("seda:jobs", "this is not a job");
        storeImage("r-after.jpg", paul.variant(5));
        producer.sendBody("seda:jobs", job("r-after", "detect", "r-after.jpg", null));
        assertEquals(200, reply("r-after").get("status").asInt());
        long deadline = System.currentTimeMillis() + 10_000;
        while (runner.inFlight() != 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(0, runner.inFlight(), "every exchange ended, the dropped one too");
        assertNull(consumer.receiveBodyNoWait("seda:replies-null"));
    }
}
