package dev.chat.gateway.messaging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.helpers.test.UniAssertSubscriber;

/** A send waits for its own message event, and stops waiting, leaving nothing behind, however its wait ends. */
class PendingAcksTest {

    private final PendingAcks acks = new PendingAcks(new SimpleMeterRegistry());

    @Test
    void theSendsOwnEventAnswersIt() {
        Uni<byte[]> waiting = acks.expect("alice/c1");
        var subscriber = waiting.subscribe().withSubscriber(UniAssertSubscriber.create());
        byte[] event = "{\"type\":\"message\",\"seq\":3}".getBytes(StandardCharsets.UTF_8);
        assertFalse(acks.arrived("bob/c1", event), "another sender's message with the same clientMsgId");
        assertTrue(acks.arrived("alice/c1", event));
        assertArrayEquals(event, subscriber.awaitItem(Duration.ofSeconds(1)).getItem());
        assertEquals(0, acks.size());
        assertFalse(acks.arrived("alice/c1", event), "answered once");
    }

    @Test
    void aSecondSendOfTheSameKeyAsksForAReplyInstead() {
        acks.expect("alice/c1").subscribe().withSubscriber(UniAssertSubscriber.create());
        assertNull(acks.expect("alice/c1"));
        assertEquals(1, acks.size());
    }

    @Test
    void aWaitThatEndsOtherwiseIsForgotten() {
        var answeredByReply = acks.expect("alice/c1").subscribe().withSubscriber(UniAssertSubscriber.create());
        answeredByReply.cancel();
        var timedOut = acks.expect("alice/c2").ifNoItem().after(Duration.ofMillis(10)).fail()
                .subscribe().withSubscriber(UniAssertSubscriber.create());
        timedOut.awaitFailure(Duration.ofSeconds(1));
        assertEquals(0, acks.size(), "no entry outlives its wait");
        assertFalse(acks.arrived("alice/c1", new byte[0]));
    }
}
