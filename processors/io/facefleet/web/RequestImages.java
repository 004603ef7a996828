package io.facefleet.web;

import io.facefleet.storage.StorageKeys;
import java.util.List;
import org.apache.camel.Exchange;

/**
 * The images a request stores, as an exchange property the submitters set and the route's store
 * loop walks: {@link #select} makes the loop's current image the body and its key the storage
 * key, so that the route's next step ({@code to: direct:store-image}) writes it.
 */
public final class RequestImages {

    /** Exchange property: the request's {@link RequestImage}s, in order. */
    public static final String PROPERTY = "facefleetImages";
    /** Header every storage route takes its key from (see routes/storage-*.camel.yaml). */
    public static final String STORAGE_KEY = StorageKeys.HEADER;

    static void set(Exchange exchange, List<RequestImage> images) {
        exchange.setProperty(PROPERTY, List.copyOf(images));
    }

    /** Makes the image of the current loop iteration the body, its key the storage key. */
    public void select(Exchange exchange) {
        int index = exchange.getProperty(Exchange.LOOP_INDEX, 0, Integer.class);
        RequestImage image = images(exchange).get(index);
        exchange.getMessage().setHeader(STORAGE_KEY, image.key());
        exchange.getMessage().setBody(image.bytes());
    }

    @SuppressWarnings("unchecked")
    private static List<RequestImage> images(Exchange exchange) {
        List<RequestImage> images = exchange.getProperty(PROPERTY, List.class);
        if (images == null) {
            throw new IllegalStateException("no request images on the exchange (property " + PROPERTY + ")");
        }
        return images;
    }
}
