package dev.chat.gateway.messaging;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import dev.chat.contracts.SendAcks;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;

/**
 * This instance's sends waiting for their message event ({@link SendAcks}): every gateway reads every room event, and the
 * one whose connection made the send answers it from there. Keyed by sender and clientMsgId.
 */
@ApplicationScoped
public class PendingAcks {

    private final Map<String, CompletableFuture<byte[]>> waiting = new ConcurrentHashMap<>();

    public PendingAcks(MeterRegistry metrics) {
        metrics.gaugeMapSize("chat.gateway.sends.awaiting_event", List.of(), waiting);
    }

    /**
     * Waits for the message event of a send, from subscription until it arrives or the wait ends (answered by a reply,
     * timed out, cancelled). Null when a send with the same key already waits here: that one takes the event, and this
     * one asks for a reply.
     */
    Uni<byte[]> expect(String key) {
        CompletableFuture<byte[]> event = new CompletableFuture<>();
        if (waiting.putIfAbsent(key, event) != null) {
            return null;
        }
        return Uni.createFrom().completionStage(event).onTermination().invoke(() -> waiting.remove(key, event));
    }

    /** A message event answering {@code key} arrived; true if a send of this instance waited for it. */
    public boolean arrived(String key, byte[] event) {
        if (key == null || waiting.isEmpty()) {
            return false;
        }
        CompletableFuture<byte[]> send = waiting.remove(key);
        return send != null && send.complete(event);
    }

    int size() {
        return waiting.size();
    }
}
