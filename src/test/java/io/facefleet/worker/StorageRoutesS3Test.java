package io.facefleet.worker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.facefleet.testing.AwsServers;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The app tier's S3 storage routes (storage-s3.camel.yaml) in a bare Camel context against
 * S3Proxy: the layout S3Store reads, null for a missing object, the caller's body back after a
 * write, and a read's S3 headers not leaking into the next write.
 */
class StorageRoutesS3Test {

    private static AwsServers aws;
    private static S3Client s3;
    private static CamelContext context;
    private static ProducerTemplate producer;

    @BeforeAll
    static void start() throws Exception {
        aws = AwsServers.start();
        s3 = aws.s3Client();
        for (String b : List.of("st-data-bucket", "st-out-bucket", "st-in-bucket")) {
            s3.createBucket(r -> r.bucket(b));
        }
        Properties settings = new Properties();
        settings.load(StorageRoutesS3Test.class.getResourceAsStream("/application.properties"));
        settings.load(StorageRoutesS3Test.class.getResourceAsStream("/application-aws.properties"));
        settings.setProperty("facefleet.aws.app-id", "st");
        context = new DefaultCamelContext();
        context.getPropertiesComponent().setInitialProperties(settings);
        context.getRegistry().bind("s3Client", s3);
        PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.resolveMandatoryResource(context, "classpath:routes/storage-s3.camel.yaml"));
        context.start();
        producer = context.createProducerTemplate();
    }

    @AfterAll
    static void stop() throws Exception {
        if (context != null) {
            context.close();
        }
        if (aws != null) {
            aws.close();
        }
    }

    private static Exchange send(String route, String key, Object body) {
        Exchange e = new DefaultExchange(context);
        e.getMessage().setHeader(JobExchange.STORAGE_KEY, key);
        e.getMessage().setBody(body);
        Exchange done = producer.send(route, e);
        if (done.getException() != null) {
            throw new IllegalStateException(done.getException());
        }
        return done;
    }

    @Test
    void aMissingObjectReadsAsNull() {
        assertNull(send("direct:load-result", "nobody.json", "the caller's body").getMessage().getBody());
        assertNull(send("direct:load-image", "nobody.jpg", "the caller's body").getMessage().getBody());
    }

    @Test
    void aResultIsWrittenWhereS3StoreReadsItAndReadBack() {
        byte[] result = "{\"requestId\":\"r-1\",\"label\":\"Paul\"}".getBytes(StandardCharsets.UTF_8);
        Exchange written = send("direct:store-result", "r-1.json", result);
        assertArrayEquals(result, written.getMessage().getBody(byte[].class), "the caller's body back after the write");
        assertArrayEquals(result, s3.getObjectAsBytes(r -> r.bucket("st-data-bucket").key("results/r-1.json")).asByteArray());
        assertArrayEquals(result, send("direct:load-result", "r-1.json", null).getMessage().getBody(byte[].class));
    }

    @Test
    void anImageIsReadFromTheImagesPrefixAndItsHeadersDoNotSizeTheNextWrite() {
        byte[] image = new byte[10_000];
        java.util.Arrays.fill(image, (byte) 7);
        s3.putObject(r -> r.bucket("st-data-bucket").key("images/r-2.jpg"), RequestBody.fromBytes(image));
        Exchange read = send("direct:load-image", "r-2.jpg", null);
        assertArrayEquals(image, read.getMessage().getBody(byte[].class));
        // the same exchange goes on to write: the image's content length must not be the label's
        read.getMessage().setHeader(JobExchange.STORAGE_KEY, "test_00");
        read.getMessage().setBody("Paul".getBytes(StandardCharsets.UTF_8));
        Exchange label = producer.send("direct:store-seed-output", read);
        assertNull(label.getException());
        assertEquals("Paul", s3.getObjectAsBytes(r -> r.bucket("st-out-bucket").key("test_00")).asUtf8String(), "in the seed's output bucket");
        assertEquals(List.of(), aws.objectKeys("st-data-bucket").stream().filter(k -> k.equals("test_00")).toList(), "not in our own bucket");
    }
}
