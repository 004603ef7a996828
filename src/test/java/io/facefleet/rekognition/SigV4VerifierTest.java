package io.facefleet.rekognition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/** The verifier against AWS's documented example and against requests the AWS SDK's own signer signed. */
class SigV4VerifierTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final AwsKeys KEYS = new AwsKeys("AKIDEXAMPLE:wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY, OTHER:other-secret");

    /** The "Request signature examples" page of the IAM user guide: GET ListUsers at 20150830T123600Z. */
    @Test
    void awsDocumentedExample() {
        Map<String, String> h = headers("Host", "iam.amazonaws.com", "Content-Type", "application/x-www-form-urlencoded; charset=utf-8",
                "X-Amz-Date", "20150830T123600Z", "Authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, "
                        + "SignedHeaders=content-type;host;x-amz-date, Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7");
        SigV4Verifier v = new SigV4Verifier(KEYS, "iam", "", Duration.ofMinutes(5));
        Instant at = Instant.parse("2015-08-30T12:36:00Z");
        assertEquals("AKIDEXAMPLE", v.verify(new SigV4Verifier.Request("GET", "/", "Action=ListUsers&Version=2010-05-08", h::get, new byte[0]), at));
        AwsError e = assertThrows(AwsError.class,
                () -> v.verify(new SigV4Verifier.Request("GET", "/", "Action=ListUsers&Version=2010-05-09", h::get, new byte[0]), at));
        assertEquals("InvalidSignatureException", e.type());
    }

    private static Map<String, String> headers(String... kv) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i].toLowerCase(Locale.ROOT), kv[i + 1]);
        }
        return m;
    }

    /** A Rekognition call as the SDK signs it (its signer, its clock at NOW). */
    private static Map<String, String> signed(String keyId, String secret, String service, byte[] body) {
        SdkHttpRequest req = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(URI.create("http://127.0.0.1:8000/"))
                .putHeader("Content-Type", "application/x-amz-json-1.1").putHeader("X-Amz-Target", "RekognitionService.ListCollections")
                .putHeader("Content-Length", Integer.toString(body.length)).build();
        SignedRequest s = AwsV4HttpSigner.create().sign(r -> r.identity(AwsCredentialsIdentity.create(keyId, secret)).request(req)
                .payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, service)
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, Clock.fixed(NOW, ZoneOffset.UTC)));
        Map<String, String> out = new HashMap<>();
        s.request().headers().forEach((k, v) -> out.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
        out.put("host", "127.0.0.1:8000");
        return out;
    }

    private static String verify(Map<String, String> h, byte[] body, Instant now) {
        return new SigV4Verifier(KEYS, "rekognition", "us-east-1", Duration.ofMinutes(5))
                .verify(new SigV4Verifier.Request("POST", "/", null, h::get, body), now);
    }

    private static String type(Runnable r) {
        return assertThrows(AwsError.class, r::run).type();
    }

    @Test
    void requestsTheSdkSignedAreCheckedWhole() {
        byte[] body = "{\"MaxResults\":2}".getBytes(StandardCharsets.UTF_8);
        Map<String, String> h = signed("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "rekognition", body);
        assertEquals("AKIDEXAMPLE", verify(h, body, NOW));
        // a header the signature does not name may be added on the way (a proxy's)
        Map<String, String> extra = new HashMap<>(h);
        extra.put("x-forwarded-for", "10.0.0.1");
        assertEquals("AKIDEXAMPLE", verify(extra, body, NOW));
        // a changed body, a changed signed header
        assertEquals("InvalidSignatureException", type(() -> verify(h, "{\"MaxResults\":3}".getBytes(StandardCharsets.UTF_8), NOW)));
        Map<String, String> target = new HashMap<>(h);
        target.put("x-amz-target", "RekognitionService.DeleteCollection");
        assertEquals("InvalidSignatureException", type(() -> verify(target, body, NOW)));
        // too old, too far ahead
        assertEquals("InvalidSignatureException", type(() -> verify(h, body, NOW.plus(Duration.ofMinutes(6)))));
        assertEquals("InvalidSignatureException", type(() -> verify(h, body, NOW.minus(Duration.ofMinutes(6)))));
        // another service's signature, an unknown key, a wrong secret, none at all
        Map<String, String> s3 = signed("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "s3", body);
        assertEquals("InvalidSignatureException", type(() -> verify(s3, body, NOW)));
        assertEquals("UnrecognizedClientException", type(() -> verify(signed("NOBODY", "x", "rekognition", body), body, NOW)));
        assertEquals("InvalidSignatureException", type(() -> verify(signed("OTHER", "not-other-secret", "rekognition", body), body, NOW)));
        Map<String, String> none = new HashMap<>(h);
        none.remove("authorization");
        assertEquals("MissingAuthenticationTokenException", type(() -> verify(none, body, NOW)));
    }
}
