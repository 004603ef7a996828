package io.facefleet.boot;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.camel.CamelContext;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the tiers add to while the service is built: the Camel Main they bind beans in, the
 * settings Camel Main is configured with, and the route files to load.
 */
final class Startup {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceMain.class);
    private static final Set<String> TIERS = Set.of("web", "app", "scaling");

    final Main main = new Main();
    final Settings settings;
    final Set<String> tiers;
    /** What Camel Main is configured with: every setting, plus what the tiers imply. */
    final Properties camel = new Properties();
    private final List<String> routeFiles = new ArrayList<>();

    /** @param supplied beans the caller binds (all but {@code ec2Client}, which the scaling tier binds) */
    Startup(Settings settings, Map<String, Object> supplied) {
        this.settings = settings;
        this.tiers = tiers(settings);
        supplied.forEach((name, bean) -> {
            if (!name.equals("ec2Client")) {
                main.bind(name, bean);
            }
        });
        camel.putAll(settings.all());
        ManagementLogin.apply(settings, camel);
    }

    private static Set<String> tiers(Settings s) {
        Set<String> tiers = new LinkedHashSet<>();
        for (String t : s.get("facefleet.tiers").split(",")) {
            if (!t.isBlank()) {
                tiers.add(t.strip());
            }
        }
        if (!TIERS.containsAll(tiers) || tiers.isEmpty()) {
            throw new IllegalArgumentException("facefleet.tiers lists web, app and/or scaling; got " + tiers);
        }
        return tiers;
    }

    boolean runs(String tier) {
        return tiers.contains(tier);
    }

    /** Loads {@code routes/<name>.camel.yaml}. */
    void addRoutes(String name) {
        routeFiles.add(name);
    }

    /** Something to do to the Camel context once Camel Main has built it, before it starts. */
    @FunctionalInterface
    interface ContextStep {
        void apply(CamelContext context) throws Exception;
    }

    void whenConfigured(ContextStep step) {
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void afterConfigure(BaseMainSupport m) {
                try {
                    step.apply(m.getCamelContext());
                } catch (Exception e) {
                    throw new IllegalStateException("cannot configure the Camel context", e);
                }
            }
        });
    }

    /** Hands Camel Main its settings and route files: the service, ready to start. */
    Main finish() {
        main.setOverrideProperties(camel);
        main.addOverrideProperty("camel.main.routes-include-pattern",
                String.join(",", routeFiles.stream().map(f -> "classpath:routes/" + f + ".camel.yaml").toList()));
        LOG.info("facefleet: profile {}, tiers {}, data in {}", settings.get("facefleet.profile"), tiers,
                Path.of(settings.get("facefleet.data-dir")).toAbsolutePath());
        return main;
    }
}
