package dev.chat.gateway.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.chat.contracts.ChatEvent;
import dev.chat.contracts.EventRouting;
import dev.chat.contracts.SendAcks;
import dev.chat.contracts.TraceHeaders;
import dev.chat.gateway.websocket.EventFanout;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.smallrye.common.annotation.NonBlocking;

/**
 * Every room event, in order per room (the topic is keyed by room id), handed to this instance's fan-out as the bytes
 * it was published as, with the routing its headers carry (EventRouting).
 * Non-blocking and in batches: a plain void method would be dispatched record by record to a worker thread,
 * which measurably held fan-out back (bench/README.md). An event that carries a trace (a message stored by a traced
 * send, TraceHeaders) gets a span for this instance's fan-out of it, the trace's last hop.
 */
@ApplicationScoped
public class ChatEventConsumer {

    private final EventFanout fanout;
    private final Tracer tracer;
    private final PendingAcks acks;

    public ChatEventConsumer(EventFanout fanout, Tracer tracer, PendingAcks acks) {
        this.fanout = fanout;
        this.tracer = tracer;
        this.acks = acks;
    }

    @Incoming("chat-events")
    @NonBlocking
    public void onEvents(ConsumerRecords<String, byte[]> records) {
        // The batch's flushes go out a task per event loop once it is done (FlushBatch), not one per connection.
        EventFanout.inBatch(() -> {
            for (ConsumerRecord<String, byte[]> record : records) {
                onEvent(record);
            }
        });
    }

    private void onEvent(ConsumerRecord<String, byte[]> record) {
        ChatEvent.Routing routing = EventRouting.read(record.headers());
        // A send of this instance's, stored: its ack (SendAcks); the fan-out below brings the message to the room.
        acks.arrived(SendAcks.keyOf(record.headers()), record.value());
        if (record.headers().lastHeader("traceparent") == null) {
            fanout.onEvent(record.value(), routing);
            return;
        }
        Context parent = TraceHeaders.extract(record.headers());
        Span span = tracer.spanBuilder("fan-out").setParent(parent).setSpanKind(SpanKind.CONSUMER)
                .setAttribute("messaging.system", "kafka").setAttribute("messaging.destination.name", record.topic())
                .setAttribute("chat.room", record.key()).startSpan();
        try {
            fanout.onEvent(record.value(), routing);
        } finally {
            span.end();
        }
    }
}
