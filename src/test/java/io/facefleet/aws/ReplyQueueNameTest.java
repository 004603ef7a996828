package io.facefleet.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Reply queue names follow SQS's rules whatever the host id, and two host ids give two names. */
class ReplyQueueNameTest {

    private static final String SQS_NAME = "[A-Za-z0-9_-]{1,80}";

    @Test
    void hostIdsAreFittedToSqsNames() {
        assertEquals("ff-resp-queue-i-0abc123", ReplyQueueName.of("ff-resp-queue-", "i-0abc123"));
        assertEquals("ff-resp-queue-ip-10-0-0-12-ec2-internal", ReplyQueueName.of("ff-resp-queue-", "ip-10-0-0-12.ec2.internal"));
        String longA = ReplyQueueName.of("ff-resp-queue-", "a".repeat(100) + "-one");
        String longB = ReplyQueueName.of("ff-resp-queue-", "a".repeat(100) + "-two");
        assertTrue(longA.matches(SQS_NAME) && longB.matches(SQS_NAME), longA);
        assertEquals(80, longA.length());
        assertNotEquals(longA, longB, "long ids differ by their hash");
    }

    @Test
    void noHostIdMeansTheHostName() {
        String name = ReplyQueueName.of("ff-resp-queue-", "");
        assertTrue(name.startsWith("ff-resp-queue-") && name.length() > "ff-resp-queue-".length() && name.matches(SQS_NAME), name);
        assertEquals(name, ReplyQueueName.of("ff-resp-queue-", null), "the same host gets the same name");
    }
}
