package io.facefleet.boot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Properties;

/**
 * The login that guards the management server's Jolokia ({@code facefleet.management.*}), turned
 * into Camel's own basic authentication ({@code camel.management.authenticationEnabled} with a
 * {@code basicPropertiesFile}). Camel reads users from a file only, so a login given as settings
 * (or environment variables on AWS) is written to an owner-only temporary file, deleted on exit.
 */
final class ManagementLogin {

    private ManagementLogin() {
    }

    /**
     * Adds Camel's authentication settings to {@code camel} when a login is configured; refuses to
     * go on when the profile requires one and none is configured, or when it is malformed.
     */
    static void apply(Settings s, Properties camel) {
        String user = s.get("facefleet.management.username");
        String password = s.get("facefleet.management.password");
        boolean ownFile = s.getBoolean("camel.management.authenticationEnabled") && s.has("camel.management.basicPropertiesFile");
        if (user.isEmpty() != password.isEmpty()) {
            throw new IllegalArgumentException("set both facefleet.management.username and facefleet.management.password, or neither");
        }
        if (user.isEmpty()) {
            if (!ownFile && s.getBoolean("facefleet.management.require-login")) {
                throw new IllegalArgumentException("the " + s.get("facefleet.profile") + " profile requires a management login: set "
                        + "facefleet.management.username and facefleet.management.password (or the FACEFLEET_MANAGEMENT_USERNAME and "
                        + "FACEFLEET_MANAGEMENT_PASSWORD environment variables), or facefleet.management.require-login=false");
            }
            return;
        }
        if (!user.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("facefleet.management.username may hold letters, digits, '.', '_' and '-' only");
        }
        if (password.contains(",") || password.contains("\n") || password.contains("\r") || !password.equals(password.strip())) {
            throw new IllegalArgumentException("facefleet.management.password may not contain commas or line breaks, nor start or end with a space");
        }
        camel.setProperty("camel.management.authenticationEnabled", "true");
        camel.setProperty("camel.management.basicPropertiesFile", usersFile(user, password).toString());
    }

    private static Path usersFile(String user, String password) {
        try {
            Path file = Files.createTempFile("facefleet-management-", ".properties",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            file.toFile().deleteOnExit();
            Files.writeString(file, "user." + user + "=" + password + "\n", StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the management login file", e);
        }
    }
}
