package io.facefleet.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.facefleet.messaging.HttpError;
import io.facefleet.messaging.Job;
import io.facefleet.testing.Exchanges;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

/** Naming a job's images to the storage step and keeping what it read, on plain exchanges. */
class JobImagesTest {

    private final HandlerDispatch handlers = new HandlerDispatch(Map.of(
            new Job.Operation("detect"), (job, images) -> null,
            Job.Operation.VERIFY, new VerifyHandler(new OperationHandler.Needs(null, null))));
    private final JobImages images = new JobImages(handlers);

    private static Exchange exchange(String imageKey, Job.Operation op, String otherKey) {
        Exchange e = Exchanges.plain();
        e.setProperty(JobExchange.JOB, new Job("r-1", imageKey, op, null, otherKey, "replies", 1, 1, null));
        return e;
    }

    @Test
    void theJobsKeyIsNamedToTheStorageStep() {
        Exchange e = exchange("r-1.jpg", new Job.Operation("detect"), null);
        images.selectFirst(e);
        assertEquals("r-1.jpg", e.getMessage().getHeader(JobExchange.STORAGE_KEY));
    }

    @Test
    void aForgedKeyIsRefusedBeforeAnyStorageStepSeesIt() {
        for (String key : new String[] {"../escape.jpg", "a/b.jpg", ".hidden", null}) {
            Exchange e = exchange(key, new Job.Operation("detect"), null);
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> images.selectFirst(e));
            assertTrue(refused.getMessage().contains("unsafe storage key"), refused.getMessage());
            assertEquals(null, e.getMessage().getHeader(JobExchange.STORAGE_KEY));
        }
        Exchange verify = exchange("r-1.jpg", Job.Operation.VERIFY, "../second.jpg");
        assertThrows(IllegalArgumentException.class, () -> images.selectSecond(verify));
    }

    @Test
    void anImageGoneFromStorageEndsTheJobWith410() {
        Exchange e = exchange("r-1.jpg", Job.Operation.VERIFY, "r-1-second.jpg");
        images.selectFirst(e);
        e.getMessage().setBody(null);
        HttpError gone = assertThrows(HttpError.class, () -> images.keep(e));
        assertEquals(410, gone.status());
        assertEquals("the request's image is no longer in storage", gone.getMessage());

        Exchange second = exchange("r-1.jpg", Job.Operation.VERIFY, "r-1-second.jpg");
        images.selectFirst(second);
        second.getMessage().setBody(new byte[] {1});
        images.keep(second);
        images.selectSecond(second);
        second.getMessage().setBody(null);
        HttpError secondGone = assertThrows(HttpError.class, () -> images.keep(second));
        assertEquals("the request's second image is no longer in storage", secondGone.getMessage());
    }

    @Test
    void onlyVerifyReadsASecondImage() {
        Exchange verify = exchange("r-1.jpg", Job.Operation.VERIFY, "r-1-second.jpg");
        images.selectFirst(verify);
        verify.getMessage().setBody(new byte[] {1});
        images.keep(verify);
        assertEquals(true, verify.getProperty(JobExchange.NEEDS_SECOND_IMAGE));
        images.selectSecond(verify);
        assertEquals("r-1-second.jpg", verify.getMessage().getHeader(JobExchange.STORAGE_KEY));
        verify.getMessage().setBody(new byte[] {2});
        images.keep(verify);
        List<?> kept = verify.getProperty(JobExchange.IMAGES, List.class);
        assertEquals(2, kept.size());

        for (Job.Operation op : new Job.Operation[] {new Job.Operation("detect"), null}) {
            Exchange e = exchange("r-1.jpg", op, "r-1-second.jpg");
            images.selectFirst(e);
            e.getMessage().setBody(new byte[] {1});
            images.keep(e);
            assertEquals(false, e.getProperty(JobExchange.NEEDS_SECOND_IMAGE), "operation " + op);
        }
    }
}
