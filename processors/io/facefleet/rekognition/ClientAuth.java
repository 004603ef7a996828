package io.facefleet.rekognition;

import io.facefleet.web.ApiKeyCheck;
import java.time.Clock;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Who may call the client port: a request signed with SigV4 ({@code Authorization:
 * AWS4-HMAC-SHA256 ...}) is checked against the configured AWS key pairs; any other request
 * shows an API key ({@link ApiKeyCheck}). With neither API keys nor AWS keys configured every
 * request passes, as before. With AWS keys only, an unsigned request is refused (the web page
 * itself still loads). The body is read here as bytes (the signature covers them) and left on
 * the message as bytes.
 */
public final class ClientAuth implements Processor {

    private final ApiKeyCheck apiKeys;
    private final AwsKeys awsKeys;
    private final SigV4Verifier verifier;
    private final Clock clock;

    public ClientAuth(ApiKeyCheck apiKeys, AwsKeys awsKeys, SigV4Verifier verifier, Clock clock) {
        this.apiKeys = apiKeys;
        this.awsKeys = awsKeys;
        this.verifier = verifier;
        this.clock = clock;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        if (!awsKeys.enabled()) {
            apiKeys.process(exchange);
            return;
        }
        Message m = exchange.getMessage();
        String auth = m.getHeader("Authorization", String.class);
        if (auth != null && auth.startsWith(SigV4Verifier.ALGORITHM + " ")) {
            verifier.verify(request(exchange), clock.instant());
            m.removeHeader("Authorization");
            return;
        }
        if (apiKeys.enabled() && m.getHeader(ApiKeyCheck.HEADER) != null) {
            apiKeys.process(exchange);
            return;
        }
        if (!isPage(m)) {
            throw new AwsError(400, "MissingAuthenticationTokenException", "this service needs a SigV4 signature"
                    + (apiKeys.enabled() ? " or an API key in the " + ApiKeyCheck.HEADER + " header" : ""), 401, 0);
        }
    }

    private static SigV4Verifier.Request request(Exchange exchange) {
        Message m = exchange.getMessage();
        byte[] body = m.getBody(byte[].class);
        m.setBody(body);
        String path = m.getHeader(Exchange.HTTP_PATH, String.class);
        if (path == null || path.isEmpty()) {
            path = m.getHeader(Exchange.HTTP_URI, "/", String.class);
        }
        return new SigV4Verifier.Request(m.getHeader(Exchange.HTTP_METHOD, "POST", String.class), path,
                m.getHeader(Exchange.HTTP_RAW_QUERY, String.class), name -> headerValue(m, name), body);
    }

    private static String headerValue(Message m, String name) {
        Object v = m.getHeader(name);
        if (v instanceof Iterable<?> many) {
            StringBuilder sb = new StringBuilder();
            for (Object o : many) {
                sb.append(sb.length() == 0 ? "" : ",").append(o);
            }
            return sb.toString();
        }
        return v == null ? null : v.toString();
    }

    private static boolean isPage(Message m) {
        String method = m.getHeader(Exchange.HTTP_METHOD, String.class);
        String path = m.getHeader(Exchange.HTTP_PATH, "", String.class);
        return "GET".equals(method) && (path.equals("/") || path.isEmpty() || path.equals("/app.js"));
    }
}
