package dev.chat.gateway.messaging;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.smallrye.mutiny.subscription.UniEmitter;

/**
 * The calls of this gateway waiting for a service's reply, by correlation id. A call is registered before its command
 * is written ({@link ServiceRequests}), so a reply can never arrive before anyone waits for it; SmallRye's own
 * request-reply registered a call only once the broker had acknowledged its command, and under load a fast service's
 * reply sometimes came first and was dropped, the caller answered 503 five seconds later.
 */
@ApplicationScoped
public class PendingReplies {

    /** The header a service copies from the command to its reply (SmallRye's, which the services' reply sinks honour). */
    public static final String CORRELATION_HEADER = "REPLY_CORRELATION_ID";
    /** The header that tells a service where to reply. */
    public static final String REPLY_TOPIC_HEADER = "REPLY_TOPIC";

    /** Starts every correlation id of this instance: every gateway reads every reply, and keeps only its own. */
    private final String prefix = UUID.randomUUID() + "/";
    private final Map<String, UniEmitter<? super ConsumerRecord<String, String>>> waiting = new ConcurrentHashMap<>();
    private final Counter late;

    public PendingReplies(MeterRegistry metrics) {
        this.late = metrics.counter("chat.gateway.service.replies_late");
        metrics.gaugeMapSize("chat.gateway.service.replies_awaited", Tags.empty(), waiting);
    }

    /** A new call's correlation id, and the caller to complete when its reply comes. */
    String expect(UniEmitter<? super ConsumerRecord<String, String>> caller) {
        String correlationId = prefix + UUID.randomUUID();
        waiting.put(correlationId, caller);
        return correlationId;
    }

    /** @return whether the call was still waiting (false once answered, timed out or cancelled) */
    boolean forget(String correlationId) {
        return waiting.remove(correlationId) != null;
    }

    /**
     * A reply from any service: completes the call it answers. Another gateway's is skipped; one of ours nobody waits
     * for any more (its caller timed out or went away) is counted as late.
     */
    public void arrived(ConsumerRecord<String, String> reply) {
        Header correlation = reply.headers().lastHeader(CORRELATION_HEADER);
        String correlationId = correlation == null ? "" : new String(correlation.value(), StandardCharsets.UTF_8);
        if (!correlationId.startsWith(prefix)) {
            return;
        }
        var caller = waiting.remove(correlationId);
        if (caller == null) {
            late.increment();
            return;
        }
        caller.complete(reply);
    }

    int waiting() {
        return waiting.size();
    }
}
