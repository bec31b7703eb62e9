package dev.chat.gateway.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.chat.gateway.websocket.EventFanout;

/** Every room event, in order per room (the topic is keyed by room id), handed to this instance's fan-out. */
@ApplicationScoped
public class ChatEventConsumer {

    private final EventFanout fanout;

    public ChatEventConsumer(EventFanout fanout) {
        this.fanout = fanout;
    }

    @Incoming("chat-events")
    public void onEvent(String frame) {
        fanout.onEvent(frame);
    }
}
