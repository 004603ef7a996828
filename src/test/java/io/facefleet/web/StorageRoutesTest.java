package io.facefleet.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.facefleet.storage.BlobStore;
import io.facefleet.storage.LocalDiskStore;
import io.facefleet.storage.S3Store;
import io.facefleet.testing.AwsServers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The web tier's storage steps (routes/storage-local and storage-s3, with the settings of
 * application.properties) on a bare Camel context: each writes where the Java stores read
 * (LocalDiskStore, S3Store), leaves the caller's body as it was, and lets a failure through to
 * the caller, whose error handling retries.
 */
class StorageRoutesTest {

    private static CamelContext context(String storage, Properties settings) throws Exception {
        CamelContext context = new DefaultCamelContext();
        context.getPropertiesComponent().setLocation("classpath:application.properties");
        context.getPropertiesComponent().setOverrideProperties(settings);
        PluginHelper.getRoutesLoader(context).loadRoutes(
                PluginHelper.getResourceLoader(context).resolveResource("classpath:routes/storage-" + storage + ".camel.yaml"));
        context.start();
        return context;
    }

    private static Exchange write(ProducerTemplate producer, String route, String key, byte[] bytes) {
        return producer.send("direct:" + route, e -> {
            e.getMessage().setHeader(RequestImages.STORAGE_KEY, key);
            e.getMessage().setBody(bytes);
        });
    }

    private static void writesLandWhereTheStoreReadsThem(CamelContext context, BlobStore store) {
        ProducerTemplate producer = context.createProducerTemplate();
        byte[] image = {1, 2, 3, 4};
        Exchange stored = write(producer, "store-image", "req-1.png", image);
        assertEquals(null, stored.getException());
        assertArrayEquals(image, store.get(BlobStore.Area.IMAGES, "req-1.png").orElseThrow());
        assertArrayEquals(image, stored.getMessage().getBody(byte[].class), "the caller's body is as it was");
        assertTrue(stored.getMessage().getHeaders().keySet().stream().noneMatch(h -> h.startsWith("CamelAwsS3") || h.startsWith("CamelFile")),
                "no storage headers left for later steps: " + stored.getMessage().getHeaders().keySet());

        // the seed's view: under the upload's name, and a second upload of that name replaces it
        write(producer, "store-seed-input", "test_00.jpg", new byte[] {5});
        Exchange again = write(producer, "store-seed-input", "test_00.jpg", new byte[] {6, 7});
        assertEquals(null, again.getException());
        assertArrayEquals(new byte[] {6, 7}, store.get(BlobStore.Area.SEED_INPUT, "test_00.jpg").orElseThrow());
        assertEquals(List.of(), store.list(BlobStore.Area.IMAGES).stream().filter(k -> !k.equals("req-1.png")).toList(),
                "nothing else in the images area");
    }

    @Test
    void localStepsWriteFilesAtomicallyWhereLocalDiskStoreReads(@TempDir Path data) throws Exception {
        Properties settings = new Properties();
        settings.setProperty("facefleet.data-dir", data.toString());
        try (CamelContext context = context("local", settings)) {
            writesLandWhereTheStoreReadsThem(context, new LocalDiskStore(data));
            // the worker's read step: the bytes by name, null (not an error) for a missing one
            ProducerTemplate producer = context.createProducerTemplate();
            assertArrayEquals(new byte[] {1, 2, 3, 4},
                    producer.requestBodyAndHeader("direct:load-image", "caller's body", RequestImages.STORAGE_KEY, "req-1.png", byte[].class));
            assertNull(producer.requestBodyAndHeader("direct:load-image", "caller's body", RequestImages.STORAGE_KEY, "nobody.png"));
            try (Stream<Path> files = Files.walk(data)) {
                List<String> left = files.filter(Files::isRegularFile).map(p -> data.relativize(p).toString()).sorted().toList();
                assertEquals(List.of("images/req-1.png", "input/test_00.jpg"), left, "no temporary files left behind");
            }
        }
    }

    @Test
    void s3StepsWriteObjectsWhereS3StoreReadsAndFailuresReachTheCaller() throws Exception {
        try (AwsServers aws = AwsServers.start(); S3Client s3 = aws.s3Client()) {
            S3Store store = new S3Store(s3, "unit-in-bucket", "unit-out-bucket", "unit-data-bucket");
            store.createBuckets();
            Properties settings = new Properties();
            settings.setProperty("facefleet.s3.input-bucket", "unit-in-bucket");
            settings.setProperty("facefleet.s3.output-bucket", "unit-out-bucket");
            settings.setProperty("facefleet.s3.data-bucket", "unit-data-bucket");
            try (CamelContext c = withClient(s3, settings)) {
                writesLandWhereTheStoreReadsThem(c, store);
                assertEquals(List.of("images/req-1.png"), aws.objectKeys("unit-data-bucket"));
                assertEquals(List.of("test_00.jpg"), aws.objectKeys("unit-in-bucket"));

                // a bucket that is not there: the SDK's failure reaches the caller as it is, tried once
                settings.setProperty("facefleet.s3.data-bucket", "no-such-bucket");
                try (CamelContext broken = withClient(s3, settings)) {
                    Exchange failed = write(broken.createProducerTemplate(), "store-image", "req-2.png", new byte[] {1});
                    assertNotNull(failed.getException());
                    assertInstanceOf(SdkException.class, failed.getException());
                }
            }
        }
    }

    private static CamelContext withClient(S3Client s3, Properties settings) throws Exception {
        CamelContext context = new DefaultCamelContext();
        context.getRegistry().bind("s3Client", s3);
        context.getPropertiesComponent().setLocation("classpath:application.properties");
        context.getPropertiesComponent().setOverrideProperties(settings);
        PluginHelper.getRoutesLoader(context).loadRoutes(
                PluginHelper.getResourceLoader(context).resolveResource("classpath:routes/storage-s3.camel.yaml"));
        context.start();
        return context;
    }
}
