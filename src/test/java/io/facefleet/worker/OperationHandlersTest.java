package io.facefleet.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.facefleet.engine.image.ImageDecoder;
import io.facefleet.engine.image.ImageRejectedException;
import io.facefleet.gallery.Gallery;
import io.facefleet.json.Mappers;
import io.facefleet.messaging.Job;
import io.facefleet.recognition.EnrolmentException;
import io.facefleet.recognition.FaceService;
import io.facefleet.testing.DemoFaces;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each operation's handler alone, on the demo photos' people (the engine loads once per test JVM),
 * and the dispatch that picks it, on a plain exchange.
 */
class OperationHandlersTest {

    private static final String UNKNOWN = "Unknown";
    @TempDir
    static Path data;
    private static FaceService service;
    private static OperationHandler.Needs needs;
    private static HandlerDispatch dispatch;
    private static CamelContext context;
    private static DemoFaces.Person paul;
    private static DemoFaces.Person other;

    @BeforeAll
    static void start() {
        List<DemoFaces.Person> people = DemoFaces.people(2);
        paul = people.get(0);
        other = people.get(1);
        service = new FaceService(new ImageDecoder(), io.facefleet.testing.TestData.engine(), Gallery.open(data, 0.6f));
        needs = new OperationHandler.Needs(service, UNKNOWN);
        dispatch = HandlerDispatch.discover(needs);
        context = new DefaultCamelContext();
        context.start();
        // the gallery knows one person: enrolled through the enroll handler itself
        new EnrollHandler(needs).handle(job(new Job.Operation("enroll"), paul.label(), null), List.of(paul.portrait()));
    }

    @AfterAll
    static void stop() throws Exception {
        context.close();
    }

    private static Job job(Job.Operation op, String subject, String seedName) {
        return new Job("r-1", "r-1.jpg", op, subject, "r-1-second.jpg", "replies", 1, 1, seedName);
    }

    private static byte[] blank() throws Exception {
        BufferedImage img = new BufferedImage(200, 200, BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    @Test
    void recognizeNamesTheEnrolledPersonAndAnswersTheSeedWithTheLabel() {
        OperationHandler.Handled h = new RecognizeHandler(needs).handle(job(Job.Operation.RECOGNIZE, null, "test_00.jpg"), List.of(paul.variant(5)));
        assertEquals(paul.label(), h.label());
        assertEquals(paul.label(), h.result().get("label").asText());
        assertEquals(1, h.result().get("faces").size());
        assertEquals(paul.label(), h.seedLabel(), "the seed's path writes the label to the seed's output view");

        OperationHandler.Handled stranger = new RecognizeHandler(needs).handle(job(Job.Operation.RECOGNIZE, null, null), List.of(other.variant(6)));
        assertEquals(UNKNOWN, stranger.label(), "someone not enrolled is the unknown label");
        assertNull(stranger.seedLabel(), "the API's path writes no seed view");
    }

    @Test
    void recognizeSearchesTheJobsCollection() {
        io.facefleet.gallery.Catalogs.shared(data, io.facefleet.gallery.GallerySettings.defaults()).create("front-door");
        Job enrol = new Job("r-2", "r-2.jpg", new Job.Operation("enroll"), "visitor", null, "replies", 1, 1, null, "front-door");
        new EnrollHandler(needs).handle(enrol, List.of(other.portrait()));
        Job atTheDoor = new Job("r-3", "r-3.jpg", Job.Operation.RECOGNIZE, null, null, "replies", 1, 1, null, "front-door");
        assertEquals("visitor", new RecognizeHandler(needs).handle(atTheDoor, List.of(other.variant(12))).label());
        assertEquals(UNKNOWN, new RecognizeHandler(needs).handle(atTheDoor, List.of(paul.variant(13))).label(),
                "the default collection's subjects are not in front-door");
        assertEquals(UNKNOWN, new RecognizeHandler(needs).handle(job(Job.Operation.RECOGNIZE, null, null), List.of(other.variant(14))).label(),
                "front-door's subjects are not in the default collection");
        Job nowhere = new Job("r-4", "r-4.jpg", Job.Operation.RECOGNIZE, null, null, "replies", 1, 1, null, "no-such-door");
        io.facefleet.messaging.HttpError e = assertThrows(io.facefleet.messaging.HttpError.class,
                () -> new RecognizeHandler(needs).handle(nowhere, List.of(other.variant(15))));
        assertEquals(404, e.status());
    }

    @Test
    void detectFindsTheFaceAndNamesNoOne() {
        OperationHandler.Handled h = new DetectHandler(needs).handle(job(new Job.Operation("detect"), null, null), List.of(paul.variant(7)));
        JsonNode faces = h.result().get("faces");
        assertEquals(1, faces.size());
        assertFalse(faces.get(0).toString().contains(paul.label()), faces.toString());
        assertNull(h.label());
        assertEquals(0, new DetectHandler(needs).handle(job(new Job.Operation("detect"), null, null), List.of(uncheckedBlank())).result().get("faces").size());
    }

    @Test
    void verifyTellsTheSamePersonFromAnother() {
        VerifyHandler verify = new VerifyHandler(needs);
        assertEquals(2, verify.images());
        assertTrue(verify.handle(job(Job.Operation.VERIFY, null, null), List.of(paul.variant(8), paul.variant(9))).result().get("samePerson").asBoolean());
        assertFalse(verify.handle(job(Job.Operation.VERIFY, null, null), List.of(paul.variant(10), other.variant(11))).result().get("samePerson").asBoolean());
    }

    @Test
    void enrollAddsTheFaceToTheSubjectAndRefusesAnImageWithoutOne() throws Exception {
        OperationHandler.Handled h = new EnrollHandler(needs).handle(job(new Job.Operation("enroll"), "newcomer", null), List.of(other.portrait()));
        assertEquals("newcomer", h.result().get("subject").asText());
        assertTrue(h.result().hasNonNull("exampleId"));
        assertEquals("newcomer", h.label());
        assertThrows(EnrolmentException.class, () -> new EnrollHandler(needs).handle(job(new Job.Operation("enroll"), "nobody", null), List.of(blank())));
        assertThrows(ImageRejectedException.class, () -> new DetectHandler(needs).handle(job(new Job.Operation("detect"), null, null),
                List.of("not an image".getBytes())));
        service.gallery().delete("newcomer");
    }

    @Test
    void theDispatchRunsTheJobsOperationAndLeavesItsOutcomeForTheStorageSteps() throws Exception {
        Exchange e = new DefaultExchange(context);
        e.setProperty(JobExchange.JOB, job(Job.Operation.RECOGNIZE, null, "test_00.jpg"));
        e.setProperty(JobExchange.IMAGES, new ArrayList<>(List.of(paul.variant(12))));
        dispatch.process(e);
        JobOutcome o = e.getProperty(JobExchange.OUTCOME, JobOutcome.class);
        assertEquals(200, o.status());
        assertEquals(paul.label(), o.label());
        JsonNode stored = Mappers.json().readTree(o.document());
        assertEquals("r-1", stored.get("requestId").asText(), "the stored result names its request: a redelivery checks it");
        assertEquals(paul.label(), stored.get("label").asText());
        assertEquals(paul.label(), e.getProperty(JobExchange.SEED_LABEL));
        assertEquals("test_00", e.getProperty(JobExchange.SEED_KEY));

        Exchange detect = new DefaultExchange(context);
        detect.setProperty(JobExchange.JOB, job(new Job.Operation("detect"), null, "test_00.jpg"));
        detect.setProperty(JobExchange.IMAGES, new ArrayList<>(List.of(paul.variant(13))));
        dispatch.process(detect);
        assertNull(detect.getProperty(JobExchange.SEED_LABEL), "only recognize writes the seed's view");
        assertTrue(detect.getProperty(JobExchange.OUTCOME, JobOutcome.class).result().has("faces"));
    }

    @Test
    void aJobNamingNoKnownOperationIsRefused() {
        Exchange e = new DefaultExchange(context);
        e.setProperty(JobExchange.JOB, job(null, null, null));
        e.setProperty(JobExchange.IMAGES, new ArrayList<>(List.of(paul.variant(14))));
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> dispatch.process(e));
        assertTrue(refused.getMessage().startsWith("unknown operation"), refused.getMessage());
        e.setProperty(JobExchange.JOB, job(new Job.Operation("bogus"), null, null));
        assertEquals("unknown operation bogus", assertThrows(IllegalArgumentException.class, () -> dispatch.process(e)).getMessage());
    }

    @Test
    void everyHandlerClassInThePackageIsFoundByItsOperation() {
        assertEquals(java.util.Set.of("recognize", "detect", "verify", "enroll", "analyze", "compare", "index", "search"),
                dispatch.operations().stream().map(Job.Operation::wireName).collect(java.util.stream.Collectors.toSet()));
    }

    private static byte[] uncheckedBlank() {
        try {
            return blank();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
