package io.facefleet.aws;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

/**
 * The name of a web host's own reply queue: {@code <prefix><host id>}, made to fit SQS's rules
 * (letters, digits, {@code -} and {@code _}, at most 80 characters). Other characters become
 * {@code -}; an id too long to fit keeps its start and ends with a hash of the whole id, so two
 * long ids stay two names.
 */
public final class ReplyQueueName {

    /** SQS's longest queue name. */
    static final int MAX_LENGTH = 80;
    private static final int HASH_CHARS = 8;

    private ReplyQueueName() {
    }

    /** @param hostId this host's id; blank means {@link #defaultHostId()} */
    public static String of(String prefix, String hostId) {
        String id = hostId == null || hostId.isBlank() ? defaultHostId() : hostId.strip();
        String clean = id.replaceAll("[^A-Za-z0-9_-]", "-");
        if (prefix.length() + clean.length() > MAX_LENGTH) {
            int keep = MAX_LENGTH - prefix.length() - HASH_CHARS - 1;
            if (keep < 1) {
                throw new IllegalArgumentException("reply queue prefix " + prefix + " leaves no room for a host id");
            }
            clean = clean.substring(0, keep) + "-" + hash(id);
        }
        return prefix + clean;
    }

    /** The host name (on EC2 the bootstrap passes the instance id instead); a random id if there is none. */
    static String defaultHostId() {
        try {
            String name = InetAddress.getLocalHost().getHostName();
            if (name != null && !name.isBlank() && !name.equals("localhost")) {
                return name;
            }
        } catch (UnknownHostException e) {
            // no resolvable host name: fall through
        }
        String env = System.getenv("HOSTNAME");
        return env != null && !env.isBlank() ? env : UUID.randomUUID().toString();
    }

    private static String hash(String id) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d).substring(0, HASH_CHARS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
