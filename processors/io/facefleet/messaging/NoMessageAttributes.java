package io.facefleet.messaging;

import org.apache.camel.Exchange;
import org.apache.camel.spi.HeaderFilterStrategy;

/**
 * The header filter of every SQS endpoint: no Camel header becomes a message attribute, and no
 * message attribute becomes a header. A job and its reply carry everything in their JSON body
 * ({@link Job}, {@link Reply}); without this filter Camel copies the HTTP request's headers
 * (Cookie, User-Agent, ...) into the job's attributes, which count towards the request queue's
 * 1 KB message size, and a worker would copy the job's attributes and its reply-to header into
 * the reply. The receive count still reaches the worker: the SQS consumer hands system
 * attributes over in its own header, not through this filter.
 */
public final class NoMessageAttributes implements HeaderFilterStrategy {

    @Override
    public boolean applyFilterToCamelHeaders(String name, Object value, Exchange exchange) {
        return true;
    }

    @Override
    public boolean applyFilterToExternalHeaders(String name, Object value, Exchange exchange) {
        return true;
    }
}
