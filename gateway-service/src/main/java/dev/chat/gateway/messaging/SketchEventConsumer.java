package dev.chat.gateway.messaging;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.chat.gateway.websocket.EventFanout;
import io.smallrye.common.annotation.NonBlocking;

/** Every canvas op and preview, in order per room, handed to this instance's fan-out like the room events. */
@ApplicationScoped
public class SketchEventConsumer {

    private final EventFanout fanout;

    public SketchEventConsumer(EventFanout fanout) {
        this.fanout = fanout;
    }

    @Incoming("sketch-events")
    @NonBlocking
    public void onEvents(List<String> frames) {
        for (String frame : frames) {
            fanout.onEvent(frame);
        }
    }
}
