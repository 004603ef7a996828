package io.facefleet.worker;

import io.facefleet.messaging.HttpError;
import io.facefleet.messaging.Job;
import io.facefleet.storage.StorageKeys;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;

/**
 * Names the job's images to the worker route's storage step and keeps what it read. The keys come
 * from the message, so a forged one is refused here (422) before any storage endpoint sees it; an
 * image gone from storage ends the job with 410.
 */
public final class JobImages {

    private final HandlerDispatch handlers;

    public JobImages(HandlerDispatch handlers) {
        this.handlers = handlers;
    }

    /** The job's image is the next to read. */
    public void selectFirst(Exchange exchange) {
        Job job = JobExchange.job(exchange);
        exchange.setProperty(JobExchange.IMAGES, new ArrayList<byte[]>());
        select(exchange, job.imageKey());
    }

    /** The job's second image (verify) is the next to read. */
    public void selectSecond(Exchange exchange) {
        select(exchange, JobExchange.job(exchange).otherKey());
    }

    private static void select(Exchange exchange, String key) {
        StorageKeys.requireSafe(key);
        exchange.getMessage().setHeader(JobExchange.STORAGE_KEY, key);
    }

    /** Keeps the image the storage step read (the body, null when it is gone). */
    @SuppressWarnings("unchecked")
    public void keep(Exchange exchange) {
        List<byte[]> images = exchange.getProperty(JobExchange.IMAGES, List.class);
        byte[] image = exchange.getMessage().getBody(byte[].class);
        if (image == null) {
            throw new HttpError(410, images.isEmpty() ? "the request's image is no longer in storage"
                    : "the request's second image is no longer in storage");
        }
        images.add(image);
        if (images.size() == 1) {
            Job job = JobExchange.job(exchange);
            // an unknown operation reads one image and is refused by the dispatch, as before
            boolean known = job.operation() != null;
            exchange.setProperty(JobExchange.NEEDS_SECOND_IMAGE, known && handlers.handler(job).images() > 1);
        }
    }
}
