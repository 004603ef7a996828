package io.facefleet.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local storage routes as shipped (routes/storage-local.camel.yaml with application.properties),
 * alone in a Camel context: what a write step stores, the read step gives back, by key, even when
 * the data directory's path holds a quote and a comma (a folder named in a bean call's text broke
 * on both).
 */
class LocalStorageRoutesTest {

    @TempDir
    Path temp;
    private CamelContext context;
    private ProducerTemplate producer;

    @BeforeEach
    void start() throws Exception {
        Path data = Files.createDirectories(temp.resolve("it's, odd"));
        Properties settings = new Properties();
        settings.setProperty("facefleet.data-dir", data.toString());
        context = new DefaultCamelContext();
        context.getPropertiesComponent().setLocation("classpath:application.properties");
        context.getPropertiesComponent().setOverrideProperties(settings);
        PluginHelper.getRoutesLoader(context).loadRoutes(
                PluginHelper.getResourceLoader(context).resolveResource("classpath:routes/storage-local.camel.yaml"));
        context.start();
        producer = context.createProducerTemplate();
    }

    @AfterEach
    void stop() throws Exception {
        context.close();
    }

    @Test
    void anImageStoredIsReadBackByItsKey() {
        byte[] image = {1, 2, 3, (byte) 0xff};
        producer.sendBodyAndHeader("direct:store-image", image, StorageKeys.HEADER, "a.jpg");
        assertArrayEquals(image, read("direct:load-image", "a.jpg"));
    }

    @Test
    void aResultStoredIsReadBackAndAMissingOneIsNull() {
        byte[] result = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
        producer.sendBodyAndHeader("direct:store-result", result, StorageKeys.HEADER, "r1.json");
        assertArrayEquals(result, read("direct:load-result", "r1.json"));
        assertNull(read("direct:load-result", "never-written.json"));
    }

    private byte[] read(String route, String key) {
        return producer.requestBodyAndHeader(route, null, StorageKeys.HEADER, key, byte[].class);
    }
}
