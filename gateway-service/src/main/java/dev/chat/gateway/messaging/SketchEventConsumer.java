package dev.chat.gateway.messaging;

import java.nio.charset.StandardCharsets;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.chat.contracts.SketchEvent;
import dev.chat.gateway.config.GatewayConfig;
import dev.chat.gateway.websocket.EventFanout;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.NonBlocking;

/**
 * Every canvas op and preview, in order per room, handed to this instance's fan-out like the room events. A preview
 * older than {@code SKETCH_PREVIEW_MAX_AGE} is dropped unread, as the contract allows: when more people draw than the
 * instance can deliver to, it skips what is stale and catches up with the present instead of falling further behind
 * (the benchmark's overloaded sketch shape queued previews for 12 s and starved the strokes behind them).
 */
@ApplicationScoped
public class SketchEventConsumer {

    /** Events are written with their type first, so a preview is known without parsing it. */
    private static final String PREVIEW_PREFIX = "{\"type\":\"" + SketchEvent.DRAW + "\"";

    private final EventFanout fanout;
    private final long maxPreviewAgeMillis;
    private final Counter stalePreviews;

    public SketchEventConsumer(EventFanout fanout, GatewayConfig config, MeterRegistry metrics) {
        this.fanout = fanout;
        this.maxPreviewAgeMillis = config.websocket().sketchPreviewMaxAge().toMillis();
        this.stalePreviews = metrics.counter("chat.gateway.sketch.previews.stale");
    }

    @Incoming("sketch-events")
    @NonBlocking
    public void onEvents(ConsumerRecords<String, String> records) {
        long staleBefore = System.currentTimeMillis() - maxPreviewAgeMillis;
        EventFanout.inBatch(() -> {
            for (ConsumerRecord<String, String> record : records) {
                String frame = record.value();
                if (record.timestamp() < staleBefore && frame.startsWith(PREVIEW_PREFIX)) {
                    stalePreviews.increment();
                    continue;
                }
                fanout.onEvent(frame.getBytes(StandardCharsets.UTF_8), null);
            }
        });
    }
}
