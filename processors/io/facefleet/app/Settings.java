package io.facefleet.app;

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

    private Settings(Properties props) {
        this.props = props;
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
                throw new IllegalArgumentException("arguments are key=value settings or a CLI verb; got " + a);
            }
        }
        String profile = overrides.getProperty("facefleet.profile", p.getProperty("facefleet.profile", "local"));
        read(p, "application-" + profile + ".properties", false);
        p.putAll(overrides);
        p.setProperty("facefleet.profile", profile);
        return new Settings(p);
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

    public String get(String key) {
        String v = props.getProperty(key);
        if (v == null) {
            throw new IllegalStateException("setting " + key + " is missing (see application.properties)");
        }
        return v.strip();
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
}
