package io.facefleet.rekognition;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks an AWS Signature Version 4 ({@code Authorization: AWS4-HMAC-SHA256 ...}) the way AWS
 * does: it rebuilds the canonical request from the headers the signature names
 * ({@code SignedHeaders}, never a fixed list), hashes the body itself, and compares the HMAC in
 * constant time. The scope's service must be {@code service}; its region must be {@code region}
 * unless that is empty. The signing time must be within {@code maxSkew} of now. Pure: no Camel.
 */
public final class SigV4Verifier {

    static final String ALGORITHM = "AWS4-HMAC-SHA256";
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    /**
     * One request as received.
     *
     * @param header a header's value by its lowercase name (any case in the request), multiple values joined by commas; null when absent
     */
    public record Request(String method, String path, String query, Function<String, String> header, byte[] body) {
    }

    private final AwsKeys keys;
    private final String service;
    private final String region;
    private final Duration maxSkew;

    public SigV4Verifier(AwsKeys keys, String service, String region, Duration maxSkew) {
        this.keys = keys;
        this.service = service;
        this.region = region == null ? "" : region.strip();
        this.maxSkew = maxSkew;
    }

    /** The access key id that signed the request; a bad signature throws an {@link AwsError} saying what is wrong. */
    public String verify(Request r, Instant now) {
        String auth = r.header().apply("authorization");
        if (auth == null || !auth.startsWith(ALGORITHM + " ")) {
            throw missing();
        }
        Map<String, String> parts = authParts(auth.substring(ALGORITHM.length() + 1));
        String credential = parts.get("Credential");
        String signedHeaders = parts.get("SignedHeaders");
        String signature = parts.get("Signature");
        if (credential == null || signedHeaders == null || signature == null) {
            throw incomplete("the Authorization header needs Credential, SignedHeaders and Signature");
        }
        String[] scope = credential.split("/");
        if (scope.length != 5 || !"aws4_request".equals(scope[4])) {
            throw incomplete("the Credential is ACCESSKEYID/yyyyMMdd/region/service/aws4_request");
        }
        String accessKey = scope[0];
        String secret = keys.secret(accessKey).orElseThrow(() ->
                new AwsError(400, "UnrecognizedClientException", "The security token included in the request is invalid.", 401, 0));
        if (!service.equals(scope[3])) {
            throw invalid("Credential should be scoped to correct service: '" + service + "'.");
        }
        if (!region.isEmpty() && !region.equals(scope[2])) {
            throw invalid("Credential should be scoped to a valid region: '" + region + "'.");
        }
        String amzDate = r.header().apply("x-amz-date");
        if (amzDate == null) {
            throw incomplete("the request needs an X-Amz-Date header");
        }
        Instant signedAt;
        try {
            signedAt = Instant.from(AMZ_DATE.parse(amzDate.strip()));
        } catch (DateTimeParseException e) {
            throw incomplete("X-Amz-Date is yyyyMMdd'T'HHmmss'Z'");
        }
        if (!amzDate.startsWith(scope[1])) {
            throw invalid("Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP.");
        }
        if (Duration.between(signedAt, now).abs().compareTo(maxSkew) > 0) {
            throw invalid("Signature expired: " + amzDate + " is now earlier or later than " + AMZ_DATE.format(now)
                    + " by more than " + maxSkew.toSeconds() + " s.");
        }
        String payloadHash = hex(sha256(r.body() == null ? new byte[0] : r.body()));
        String claimed = r.header().apply("x-amz-content-sha256");
        if (claimed != null && !claimed.strip().equals(payloadHash)) {
            throw invalid("The provided 'x-amz-content-sha256' header does not match what was computed.");
        }
        List<String> names = List.of(signedHeaders.toLowerCase(Locale.ROOT).split(";"));
        if (!names.contains("host")) {
            throw invalid("'Host' must be a signed header.");
        }
        String canonical = canonicalRequest(r, names, signedHeaders.toLowerCase(Locale.ROOT), payloadHash);
        String dateScope = scope[1] + "/" + scope[2] + "/" + scope[3] + "/aws4_request";
        String toSign = ALGORITHM + "\n" + amzDate.strip() + "\n" + dateScope + "\n" + hex(sha256(canonical.getBytes(StandardCharsets.UTF_8)));
        byte[] key = signingKey(secret, scope[1], scope[2], scope[3]);
        byte[] expected = HexFormat.of().formatHex(hmac(key, toSign)).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, signature.strip().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII))) {
            throw invalid("The request signature we calculated does not match the signature you provided. Check your AWS Secret "
                    + "Access Key and signing method. Consult the service documentation for details.");
        }
        return accessKey;
    }

    /** The canonical request (method, URI, query, signed headers, their list, the payload hash), as AWS documents it. */
    static String canonicalRequest(Request r, List<String> names, String signedHeaders, String payloadHash) {
        StringBuilder sb = new StringBuilder();
        sb.append(r.method()).append('\n');
        sb.append(canonicalUri(r.path())).append('\n');
        sb.append(canonicalQuery(r.query())).append('\n');
        for (String n : names) {
            String v = r.header().apply(n);
            sb.append(n).append(':').append(v == null ? "" : v.strip().replaceAll("\\s+", " ")).append('\n');
        }
        sb.append('\n').append(signedHeaders).append('\n').append(payloadHash);
        return sb.toString();
    }

    /** Each path segment URI-encoded, as the SDKs sign every service but S3 ("/" stays "/"). */
    static String canonicalUri(String path) {
        if (path == null || path.isEmpty()) {
            return "/";
        }
        List<String> segments = new ArrayList<>();
        for (String seg : path.split("/", -1)) {
            segments.add(encode(seg));
        }
        return String.join("/", segments);
    }

    static String canonicalQuery(String query) {
        if (query == null || query.isEmpty()) {
            return "";
        }
        TreeMap<String, List<String>> sorted = new TreeMap<>();
        for (String p : query.split("&")) {
            int eq = p.indexOf('=');
            String k = eq < 0 ? p : p.substring(0, eq);
            String v = eq < 0 ? "" : p.substring(eq + 1);
            sorted.computeIfAbsent(encode(decode(k)), x -> new ArrayList<>()).add(encode(decode(v)));
        }
        List<String> out = new ArrayList<>();
        sorted.forEach((k, vs) -> vs.stream().sorted().forEach(v -> out.add(k + "=" + v)));
        return String.join("&", out);
    }

    /** RFC 3986 unreserved characters kept, everything else %XX in upper case. */
    static String encode(String s) {
        StringBuilder sb = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == '~') {
                sb.append(c);
            } else {
                sb.append('%').append(String.format("%02X", b & 0xFF));
            }
        }
        return sb.toString();
    }

    private static String decode(String s) {
        return java.net.URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    static byte[] signingKey(String secret, String date, String region, String service) {
        byte[] k = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), date);
        k = hmac(k, region);
        k = hmac(k, service);
        return hmac(k, "aws4_request");
    }

    private static Map<String, String> authParts(String s) {
        Map<String, String> out = new TreeMap<>();
        for (String p : s.split(",")) {
            int eq = p.indexOf('=');
            if (eq > 0) {
                out.put(p.substring(0, eq).strip(), p.substring(eq + 1).strip());
            }
        }
        return out;
    }

    static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    static AwsError missing() {
        return new AwsError(400, "MissingAuthenticationTokenException", "Missing Authentication Token", 401, 0);
    }

    private static AwsError incomplete(String message) {
        return new AwsError(400, "IncompleteSignatureException", message, 401, 0);
    }

    private static AwsError invalid(String message) {
        return new AwsError(400, "InvalidSignatureException", message, 401, 0);
    }
}
