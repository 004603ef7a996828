package io.facefleet.bench;

import io.facefleet.web.RequestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;

/**
 * The local storage steps alone (routes/storage-local.camel.yaml as shipped): microseconds per
 * write and per read of distinct keys, beside a plain {@code Files.readAllBytes}. Every round
 * reads keys it has not read before, as real jobs do. Prints one JSON line per round.
 * Usage: StorageStepBench KEYS ROUNDS
 */
public final class StorageStepBench {

    public static void main(String[] args) throws Exception {
        int keys = Integer.parseInt(args[0]);
        int rounds = Integer.parseInt(args[1]);
        Path data = Files.createTempDirectory("storage-bench");
        Properties settings = new Properties();
        settings.setProperty("facefleet.data-dir", data.toString());
        try (CamelContext context = new DefaultCamelContext()) {
            context.getPropertiesComponent().setLocation("classpath:application.properties");
            context.getPropertiesComponent().setOverrideProperties(settings);
            PluginHelper.getRoutesLoader(context).loadRoutes(
                    PluginHelper.getResourceLoader(context).resolveResource("classpath:routes/storage-local.camel.yaml"));
            context.start();
            ProducerTemplate producer = context.createProducerTemplate();
            byte[] image = new byte[4096];
            for (int round = 0; round < rounds; round++) {
                List<String> names = new ArrayList<>();
                for (int i = 0; i < keys; i++) {
                    names.add("r" + round + "-" + i + ".jpg");
                }
                long t0 = System.nanoTime();
                for (String key : names) {
                    producer.sendBodyAndHeader("direct:store-image", image, RequestImages.STORAGE_KEY, key);
                }
                long t1 = System.nanoTime();
                for (String key : names) {
                    byte[] read = producer.requestBodyAndHeader("direct:load-image", null, RequestImages.STORAGE_KEY, key, byte[].class);
                    if (read == null || read.length != image.length) {
                        throw new IllegalStateException("read back " + (read == null ? "nothing" : read.length + " bytes") + " for " + key);
                    }
                }
                long t2 = System.nanoTime();
                for (String key : names) {
                    if (!Arrays.equals(image, Files.readAllBytes(data.resolve("images").resolve(key)))) {
                        throw new IllegalStateException("differs: " + key);
                    }
                }
                long t3 = System.nanoTime();
                System.out.printf("{\"round\":%d,\"keys\":%d,\"writeUs\":%.1f,\"readUs\":%.1f,\"plainReadUs\":%.1f,\"endpoints\":%d}%n",
                        round, keys, (t1 - t0) / 1e3 / keys, (t2 - t1) / 1e3 / keys, (t3 - t2) / 1e3 / keys, context.getEndpoints().size());
            }
        }
    }
}
