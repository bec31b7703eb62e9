package dev.chat.gateway.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;

class InboundFramesTest {

    /** A handler whose frames stay unhandled until the test completes them. */
    static final class SlowHandler {
        final List<String> started = new ArrayList<>();
        final List<CompletableFuture<Void>> running = new ArrayList<>();

        Uni<Void> handle(String frame) {
            started.add(frame);
            CompletableFuture<Void> done = new CompletableFuture<>();
            running.add(done);
            return Uni.createFrom().completionStage(done);
        }

        void finish(int index) {
            running.get(index).complete(null);
        }
    }

    @Test
    void framesAreHandledOneAtATimeInArrivalOrder() {
        SlowHandler handler = new SlowHandler();
        InboundFrames inbound = new InboundFrames(10, handler::handle, null);
        inbound.offer("a");
        inbound.offer("b");
        inbound.offer("c");
        assertEquals(List.of("a"), handler.started, "b waits until a is handled");
        handler.finish(0);
        assertEquals(List.of("a", "b"), handler.started);
        handler.finish(1);
        handler.finish(2);
        assertEquals(List.of("a", "b", "c"), handler.started);
        assertEquals(0, inbound.pending());
    }

    @Test
    void aFrameBeyondTheBoundIsRefusedAndTheQueueTakesMoreOnceItDrains() {
        SlowHandler handler = new SlowHandler();
        InboundFrames inbound = new InboundFrames(2, handler::handle, null);
        assertTrue(inbound.offer("a"));
        assertTrue(inbound.offer("b"));
        assertFalse(inbound.offer("c"), "two wait already: the third is refused");
        assertEquals(2, inbound.pending());
        handler.finish(0);
        assertTrue(inbound.offer("d"));
        handler.finish(1);
        handler.finish(2);
        assertEquals(List.of("a", "b", "d"), handler.started, "the refused frame is never handled");
    }

    @Test
    void aFailedOrThrowingHandlerDoesNotStopTheFramesAfterIt() {
        List<String> handled = new ArrayList<>();
        InboundFrames inbound = new InboundFrames(10, frame -> {
            handled.add(frame);
            if (frame.equals("throws")) {
                throw new IllegalStateException("boom");
            }
            return frame.equals("fails") ? Uni.createFrom().failure(new IllegalStateException("boom")) : Uni.createFrom().voidItem();
        }, null);
        inbound.offer("throws");
        inbound.offer("fails");
        inbound.offer("fine");
        assertEquals(List.of("throws", "fails", "fine"), handled);
        assertEquals(0, inbound.pending());
    }
}
