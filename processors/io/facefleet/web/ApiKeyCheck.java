package io.facefleet.web;

import io.facefleet.messaging.HttpError;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * API keys: when any are configured, every HTTP request must carry one in the {@code X-API-Key}
 * header, or it is answered 401. Keys are compared in constant time (no timing hint of how much
 * of a guess was right). No keys configured means the check is off.
 */
public final class ApiKeyCheck implements Processor {

    public static final String HEADER = "X-API-Key";

    private final List<byte[]> keys = new ArrayList<>();

    /** @param keys comma-separated keys; blank turns the check off */
    public ApiKeyCheck(String keys) {
        for (String k : keys == null ? new String[0] : keys.split(",")) {
            if (!k.isBlank()) {
                this.keys.add(k.strip().getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    /** The page itself loads without a key: it asks for one and sends it with its API calls. */
    private static boolean isPage(Exchange exchange) {
        String method = exchange.getMessage().getHeader(Exchange.HTTP_METHOD, String.class);
        String path = exchange.getMessage().getHeader(Exchange.HTTP_PATH, String.class);
        if (path == null || path.isEmpty()) {
            path = exchange.getMessage().getHeader(Exchange.HTTP_URI, "", String.class);
        }
        return "GET".equals(method) && (path.equals("/") || path.isEmpty() || path.equals("/app.js"));
    }

    public boolean enabled() {
        return !keys.isEmpty();
    }

    @Override
    public void process(Exchange exchange) {
        if (keys.isEmpty() || isPage(exchange)) {
            return;
        }
        String given = exchange.getMessage().getHeader(HEADER, String.class);
        if (given == null || given.isEmpty()) {
            throw new HttpError(401, "this service needs an API key in the " + HEADER + " header");
        }
        byte[] g = given.getBytes(StandardCharsets.UTF_8);
        boolean ok = false;
        for (byte[] k : keys) {
            ok |= MessageDigest.isEqual(k, g);
        }
        exchange.getMessage().removeHeader(HEADER);
        if (!ok) {
            throw new HttpError(401, "the API key is not valid");
        }
    }
}
