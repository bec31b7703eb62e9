package dev.chat.gateway.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import dev.chat.contracts.ServiceReply;
import dev.chat.contracts.ServiceRequest.Caller;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.helpers.test.UniAssertSubscriber;
import io.smallrye.mutiny.subscription.UniEmitter;

/** A user's tabs opening together make one positions call; the next tab after it is answered makes a new one. */
class WelcomePositionsTest {

    /** The calls made, each answered when the test says. */
    private final List<UniEmitter<? super ServiceReply>> calls = new ArrayList<>();

    private final WelcomePositions positions = new WelcomePositions(caller -> Uni.createFrom().emitter(calls::add),
            new SimpleMeterRegistry());

    @Test
    void tabsOpeningTogetherShareOneCall() {
        Caller alice = new Caller("alice", "Alice", "s1");
        List<UniAssertSubscriber<ServiceReply>> tabs = new ArrayList<>();
        for (int tab = 0; tab < 4; tab++) {
            tabs.add(positions.of(alice).subscribe().withSubscriber(UniAssertSubscriber.create()));
        }
        positions.of(new Caller("bob", "Bob", "s2")).subscribe().withSubscriber(UniAssertSubscriber.create());
        assertEquals(2, calls.size(), "one call for alice's four tabs, one for bob");
        ServiceReply reply = new ServiceReply(200, JsonNodeFactory.instance.arrayNode());
        calls.get(0).complete(reply);
        tabs.forEach(tab -> assertSame(reply, tab.awaitItem(Duration.ofSeconds(1)).getItem()));

        positions.of(alice).subscribe().withSubscriber(UniAssertSubscriber.create());
        assertEquals(3, calls.size(), "a tab opened after the answer asks again");
    }

    @Test
    void oneTabGoingAwayDoesNotCancelTheOthers() {
        Caller alice = new Caller("alice", "Alice", "s1");
        var first = positions.of(alice).subscribe().withSubscriber(UniAssertSubscriber.create());
        var second = positions.of(alice).subscribe().withSubscriber(UniAssertSubscriber.create());
        first.cancel();
        ServiceReply reply = new ServiceReply(200, JsonNodeFactory.instance.arrayNode());
        calls.get(0).complete(reply);
        assertSame(reply, second.awaitItem(Duration.ofSeconds(1)).getItem());
        assertEquals(0, positions.inFlight());
    }
}
