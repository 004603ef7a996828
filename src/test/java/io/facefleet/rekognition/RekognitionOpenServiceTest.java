package io.facefleet.rekognition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.facefleet.testing.DemoFaces;
import io.facefleet.testing.RunningService;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.rekognition.RekognitionClient;
import software.amazon.awssdk.services.rekognition.model.ThrottlingException;

/**
 * Without keys configured the service is open, as before: the seed's multipart POST / and the
 * Rekognition protocol share the path, told apart by X-Amz-Target. Back-pressure reaches the SDK
 * as ThrottlingException, which it retries by itself.
 */
class RekognitionOpenServiceTest {

    private static RekognitionClient client(RunningService svc, int maxAttempts, AtomicInteger attempts) {
        return RekognitionClient.builder().endpointOverride(svc.uri("/")).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("ANYKEY", "anysecret")))
                .overrideConfiguration(c -> c.retryStrategy(r -> r.maxAttempts(maxAttempts)).addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes executionAttributes) {
                        attempts.incrementAndGet();
                    }
                }))
                .build();
    }

    @Test
    void theSeedsPostAndRekognitionShareThePath(@TempDir Path data) throws Exception {
        try (RunningService svc = RunningService.start("facefleet.data-dir=" + data, "camel.main.name=facefleet-rk-open");
             RekognitionClient rk = client(svc, 1, new AtomicInteger())) {
            byte[] portrait = DemoFaces.people().get(0).portrait();
            HttpResponse<String> seed = svc.postFile("/", "inputFile", "test_00.jpg", portrait);
            assertEquals(200, seed.statusCode(), seed.body());
            assertEquals("test_00:Unknown", seed.body());
            assertEquals(1, rk.detectFaces(b -> b.image(i -> i.bytes(SdkBytes.fromByteArray(portrait)))).faceDetails().size());
            // an operation we do not answer, and a body that is no JSON
            HttpResponse<String> unknown = svc.send(HttpRequest.newBuilder(svc.uri("/")).header("X-Amz-Target", "RekognitionService.DetectLabels")
                    .header("Content-Type", "application/x-amz-json-1.1").POST(HttpRequest.BodyPublishers.ofString("{}")));
            assertEquals(400, unknown.statusCode());
            assertTrue(unknown.body().contains("\"__type\":\"UnknownOperationException\""), unknown.body());
            assertEquals("UnknownOperationException", unknown.headers().firstValue("x-amzn-ErrorType").orElse(null));
            HttpResponse<String> notJson = svc.send(HttpRequest.newBuilder(svc.uri("/")).header("X-Amz-Target", "RekognitionService.ListCollections")
                    .header("Content-Type", "application/x-amz-json-1.1").POST(HttpRequest.BodyPublishers.ofString("{nope")));
            assertEquals(400, notJson.statusCode());
            assertTrue(notJson.body().contains("SerializationException"), notJson.body());
        }
    }

    @Test
    void backPressureIsThrottlingWhichTheSdkRetries(@TempDir Path data) throws Exception {
        // a web host without workers: the one admitted request waits, every other one is refused at the door
        try (RunningService svc = RunningService.start("facefleet.tiers=web", "facefleet.data-dir=" + data, "camel.main.name=facefleet-rk-throttle",
                "facefleet.web.max-waiting=1", "facefleet.web.reply-timeout-ms=60000", "facefleet.web.retry-after-s=1",
                "camel.main.shutdownTimeout=2", "facefleet.web.drain-timeout-ms=500")) {
            byte[] photo = Files.readAllBytes(DemoFaces.photo(2));
            String body = "{\"Image\":{\"Bytes\":\"" + java.util.Base64.getEncoder().encodeToString(photo) + "\"}}";
            CompletableFuture<HttpResponse<String>> holder = java.net.http.HttpClient.newHttpClient().sendAsync(
                    HttpRequest.newBuilder(svc.uri("/")).header("X-Amz-Target", "RekognitionService.DetectFaces")
                            .header("Content-Type", "application/x-amz-json-1.1").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            // wait until the held request has the one slot (a probe sent before that would take it and wait itself)
            io.facefleet.web.Admission admission = svc.context().getRegistry().lookupByNameAndType("admission", io.facefleet.web.Admission.class);
            long deadline = System.currentTimeMillis() + 30_000;
            while (admission.admitted() < 1 && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(1, admission.admitted(), "the first request holds the slot");
            AtomicInteger once = new AtomicInteger();
            try (RekognitionClient single = client(svc, 1, once)) {
                // collection operations need no admission; the face operations are refused at the door
                single.listCollections(b -> { });
                assertThrows(ThrottlingException.class, () -> single.detectFaces(b -> b.image(i -> i.bytes(SdkBytes.fromByteArray(photo)))));
                assertEquals(2, once.get());
            }
            AtomicInteger attempts = new AtomicInteger();
            try (RekognitionClient retrying = client(svc, 3, attempts)) {
                ThrottlingException e = assertThrows(ThrottlingException.class,
                        () -> retrying.detectFaces(b -> b.image(i -> i.bytes(SdkBytes.fromByteArray(photo)))));
                assertEquals(400, e.statusCode());
                assertEquals(3, attempts.get(), "the SDK retries a throttled call by itself");
            }
            holder.cancel(true);
        }
    }
}
