package io.facefleet.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.facefleet.testing.Exchanges;
import io.facefleet.messaging.HttpError;
import io.facefleet.messaging.Reply;
import io.facefleet.messaging.ReplyAwaiter;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

/** ReplyAwaiter alone: a waiting request holds no thread, and is resumed by its reply or by the timeout. */
class ReplyAwaiterTest {

    private static Reply reply(String id) {
        return new Reply(id, 200, "Paul", null, null, 1, 2);
    }

    private static Exchange waitingFor(String id) {
        Exchange exchange = Exchanges.plain();
        exchange.setProperty(ReplyAwaiter.REQUEST_ID, id);
        return exchange;
    }

    @Test
    void theReplyResumesTheWaitingExchange() throws Exception {
        AtomicLong latency = new AtomicLong(-1);
        ReplyAwaiter awaiter = new ReplyAwaiter(60_000, latency::set);
        awaiter.expect("r1");
        Exchange exchange = waitingFor("r1");
        CountDownLatch done = new CountDownLatch(1);
        AtomicBoolean doneSync = new AtomicBoolean(true);
        boolean sync = awaiter.process(exchange, s -> {
            doneSync.set(s);
            done.countDown();
        });
        assertFalse(sync, "the exchange goes asynchronous: the calling thread is free");
        assertEquals(1, done.getCount(), "nothing answered before the reply");
        Reply r = reply("r1");
        awaiter.complete(r);
        assertTrue(done.await(10, TimeUnit.SECONDS));
        assertFalse(doneSync.get());
        assertSame(r, exchange.getMessage().getBody());
        assertNull(exchange.getException());
        assertTrue(latency.get() >= 0, "the answered request's latency is recorded");
        assertEquals(0, awaiter.waiting(), "an answered request is forgotten");
    }

    @Test
    void aReplyBeforeTheWaitBeginsIsNotLost() throws Exception {
        ReplyAwaiter awaiter = new ReplyAwaiter(60_000, ms -> { });
        awaiter.expect("fast");
        Reply r = reply("fast");
        // the worker answered between queueing and the route's await step
        awaiter.complete(r);
        Exchange exchange = waitingFor("fast");
        CountDownLatch done = new CountDownLatch(1);
        awaiter.process(exchange, s -> done.countDown());
        assertTrue(done.await(10, TimeUnit.SECONDS));
        assertSame(r, exchange.getMessage().getBody());
    }

    @Test
    void noReplyInTimeIs504() throws Exception {
        ReplyAwaiter awaiter = new ReplyAwaiter(200, ms -> { });
        awaiter.expect("slow");
        Exchange exchange = waitingFor("slow");
        CountDownLatch done = new CountDownLatch(1);
        awaiter.process(exchange, s -> done.countDown());
        assertTrue(done.await(10, TimeUnit.SECONDS), "the timeout resumes the exchange");
        HttpError e = assertInstanceOf(HttpError.class, exchange.getException());
        assertEquals(504, e.status());
        assertTrue(e.getMessage().contains("0.2 s"), e.getMessage());
        assertEquals(0, awaiter.waiting(), "a timed-out request is forgotten");
        // its late reply is dropped, not an error
        awaiter.complete(reply("slow"));
    }

    @Test
    void anExchangeWithNoRegisteredRequestFailsAtOnce() {
        ReplyAwaiter awaiter = new ReplyAwaiter(60_000, ms -> { });
        Exchange exchange = waitingFor("never-expected");
        AtomicBoolean called = new AtomicBoolean();
        boolean sync = awaiter.process(exchange, s -> called.set(true));
        assertTrue(sync);
        assertTrue(called.get());
        assertInstanceOf(IllegalStateException.class, exchange.getException());
    }

    @Test
    void aReplyForAnotherRequestDoesNotResumeThisOne() throws Exception {
        ReplyAwaiter awaiter = new ReplyAwaiter(60_000, ms -> { });
        awaiter.expect("mine");
        awaiter.expect("theirs");
        Exchange exchange = waitingFor("mine");
        CountDownLatch done = new CountDownLatch(1);
        awaiter.process(exchange, s -> done.countDown());
        awaiter.complete(reply("theirs"));
        assertFalse(done.await(300, TimeUnit.MILLISECONDS), "still waiting for its own reply");
        awaiter.complete(reply("mine"));
        assertTrue(done.await(10, TimeUnit.SECONDS));
        assertEquals("mine", exchange.getMessage().getBody(Reply.class).requestId());
    }
}
