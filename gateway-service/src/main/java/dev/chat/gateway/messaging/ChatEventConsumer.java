package dev.chat.gateway.messaging;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.chat.gateway.websocket.EventFanout;
import io.smallrye.common.annotation.NonBlocking;

/**
 * Every room event, in order per room (the topic is keyed by room id), handed to this instance's fan-out.
 * Non-blocking and in batches: a plain void method would be dispatched record by record to a worker thread,
 * which measurably held fan-out back (bench/README.md).
 */
@ApplicationScoped
public class ChatEventConsumer {

    private final EventFanout fanout;

    public ChatEventConsumer(EventFanout fanout) {
        this.fanout = fanout;
    }

    @Incoming("chat-events")
    @NonBlocking
    public void onEvents(List<String> frames) {
        for (String frame : frames) {
            fanout.onEvent(frame);
        }
    }
}
