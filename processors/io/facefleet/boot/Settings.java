package io.facefleet.boot;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The service's configuration: {@code application.properties}, then the profile's
 * {@code application-<profile>.properties}, then system properties ({@code -Dkey=value}) and
 * {@code key=value} arguments, later ones winning. Camel Main is handed the same merged set.
 */
public final class Settings {

    private final Properties props;
    private final Properties explicit;

    private Settings(Properties props, Properties explicit) {
        this.props = props;
        this.explicit = explicit;
    }

    public static Settings load(String[] args) {
        Properties p = new Properties();
        read(p, "application.properties", true);
        Properties overrides = new Properties();
        overrides.putAll(System.getProperties());
        for (String a : args) {
            int eq = a.indexOf('=');
            if (eq > 0) {
                overrides.setProperty(a.substring(a.startsWith("--") ? 2 : 0, eq), a.substring(eq + 1));
            } else {
                throw new IllegalArgumentException("settings are key=value arguments; got " + a);
            }
        }
        String profile = overrides.getProperty("facefleet.profile", p.getProperty("facefleet.profile", "local"));
        read(p, "application-" + profile + ".properties", false);
        p.putAll(overrides);
        p.setProperty("facefleet.profile", profile);
        Properties explicit = new Properties();
        overrides.forEach((k, v) -> {
            String key = k.toString();
            if (key.startsWith("facefleet.") || key.startsWith("camel.")) {
                explicit.put(k, v);
            }
        });
        explicit.setProperty("facefleet.profile", profile);
        return new Settings(p, explicit);
    }

    private static void read(Properties p, String resource, boolean required) {
        try (InputStream in = Settings.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                if (required) {
                    throw new IllegalStateException(resource + " is missing from the classpath");
                }
                throw new IllegalArgumentException("no profile file " + resource + " (facefleet.profile)");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A setting with its {@code {{other.key}}} references resolved, as Camel resolves them in routes. */
    public String get(String key) {
        return resolve(key, 0);
    }

    private String resolve(String key, int depth) {
        String v = props.getProperty(key);
        if (v == null) {
            throw new IllegalStateException("setting " + key + " is missing (see application.properties)");
        }
        if (depth > 10) {
            throw new IllegalStateException("setting " + key + " refers to itself through {{...}}");
        }
        StringBuilder out = new StringBuilder();
        int from = 0;
        for (int open = v.indexOf("{{"); open >= 0; open = v.indexOf("{{", from)) {
            int close = v.indexOf("}}", open);
            if (close < 0) {
                break;
            }
            String ref = v.substring(open + 2, close).strip();
            out.append(v, from, open).append(ref.startsWith("env:") ? environment(ref.substring(4)) : resolve(ref, depth + 1));
            from = close + 2;
        }
        return out.append(v.substring(from)).toString().strip();
    }

    /** {@code NAME} or {@code NAME:default}: an environment variable, as Camel's {@code {{env:...}}}. */
    private static String environment(String ref) {
        int colon = ref.indexOf(':');
        String name = colon < 0 ? ref : ref.substring(0, colon);
        String value = System.getenv(name);
        if (value == null && colon < 0) {
            throw new IllegalStateException("environment variable " + name + " is not set");
        }
        return value != null ? value : ref.substring(colon + 1);
    }

    /** True when the setting is present and not blank. */
    public boolean has(String key) {
        String v = props.getProperty(key);
        return v != null && !v.isBlank();
    }

    public boolean getBoolean(String key) {
        return Boolean.parseBoolean(get(key));
    }

    public int getInt(String key) {
        return Integer.parseInt(get(key));
    }

    public long getLong(String key) {
        return Long.parseLong(get(key));
    }

    public float getFloat(String key) {
        return Float.parseFloat(get(key));
    }

    public Properties all() {
        return props;
    }

    /**
     * The settings given on the command line or as system properties (not those read from the
     * property files), as {@code key=value} arguments: what a child process needs to be
     * configured like this one.
     */
    public java.util.List<String> explicitArguments() {
        return explicit.stringPropertyNames().stream().sorted().map(k -> k + "=" + explicit.getProperty(k)).toList();
    }
}
