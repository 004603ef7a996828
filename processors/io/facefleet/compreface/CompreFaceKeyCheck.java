package io.facefleet.compreface;

import io.facefleet.messaging.HttpError;
import io.facefleet.web.ApiKeyCheck;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * The API key check of the CompreFace routes: CompreFace's {@code x-api-key} is our
 * {@code X-API-Key} (header names are case-insensitive), so the same keys
 * ({@code facefleet.web.api-keys}) and the same constant-time check apply; only the refusal
 * is CompreFace's shape: no key 401 code 20, a key that is not configured 401 code 10.
 * No keys configured: open, as everywhere else.
 */
public final class CompreFaceKeyCheck implements Processor {

    private final ApiKeyCheck keys;

    public CompreFaceKeyCheck(ApiKeyCheck keys) {
        this.keys = keys;
    }

    @Override
    public void process(Exchange exchange) {
        if (!keys.enabled()) {
            return;
        }
        String given = exchange.getMessage().getHeader(ApiKeyCheck.HEADER, String.class);
        if (given == null || given.isEmpty()) {
            throw new CompreFaceError(401, CompreFaceError.MISSING_REQUEST_HEADER, "Missing header: x-api-key");
        }
        try {
            keys.process(exchange);
        } catch (HttpError e) {
            throw new CompreFaceError(401, CompreFaceError.MODEL_NOT_FOUND, "No model found for this x-api-key");
        }
    }
}
