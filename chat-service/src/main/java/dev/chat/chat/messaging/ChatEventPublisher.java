package dev.chat.chat.messaging;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.chat.chat.repository.OutboxRepository;
import dev.chat.contracts.ChatEvent;
import dev.chat.contracts.EventRouting;
import dev.chat.contracts.SendAcks;
import dev.chat.contracts.TraceHeaders;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Publishes room events, keyed by room id so that every gateway sees one room's events in the order they
 * happened. Each Uni completes when the broker has it. Membership changes (joined, left, deleted) also go on
 * chat.memberships, the feed services with their own view of membership read instead of all of chat.events.
 */
@ApplicationScoped
public class ChatEventPublisher {

    private final MutinyEmitter<Record<String, String>> events;
    private final MutinyEmitter<Record<String, String>> memberships;
    private final ObjectMapper mapper;

    /** A batch of sends publishes its events at once: the buffer holds a few batches' worth while the producer drains. */
    public ChatEventPublisher(@Channel("chat-events") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 16384)
            MutinyEmitter<Record<String, String>> events,
            @Channel("chat-memberships") MutinyEmitter<Record<String, String>> memberships, ObjectMapper mapper) {
        this.events = events;
        this.memberships = memberships;
        this.mapper = mapper;
    }

    public Uni<Void> publish(UUID roomId, ChatEvent event) {
        Uni<Void> published = publish(roomId.toString(), event);
        String feedKey = membershipKey(event);
        if (feedKey == null) {
            return published;
        }
        return published.chain(() -> publishMembership(feedKey, event));
    }

    /** A membership fact on the feed only (the feed's one-time fill). */
    Uni<Void> publishMembership(UUID roomId, ChatEvent event) {
        String feedKey = membershipKey(event);
        return feedKey == null ? Uni.createFrom().voidItem() : publishMembership(feedKey, event);
    }

    private Uni<Void> publishMembership(String feedKey, ChatEvent event) {
        try {
            return memberships.send(Record.of(feedKey, mapper.writeValueAsString(event)));
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
    }

    /** The membership feed's key of an event (the latest per key is what compaction keeps); null if not a membership fact. */
    static String membershipKey(ChatEvent event) {
        if (event instanceof ChatEvent.MemberEvent member) {
            return member.roomId() + "/" + member.userId();
        }
        if (event instanceof ChatEvent.RoomEvent room && ChatEvent.DELETED.equals(room.event())) {
            return room.roomId().toString();
        }
        return null;
    }

    /** An event as the outbox keeps it: its JSON, and its membership feed key (null if it is no membership fact). */
    public OutboxRepository.Pending pending(UUID roomId, ChatEvent event) {
        try {
            return new OutboxRepository.Pending(roomId, membershipKey(event), mapper.writeValueAsString(event));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an event could not be written", e);
        }
    }

    /** Publishes an event the outbox kept: on chat.events under its room, and on the membership feed if it is a fact. */
    public Uni<Void> publish(UUID roomId, String membershipKey, String payload) {
        Uni<Void> published = events.send(Record.of(roomId.toString(), payload));
        return membershipKey == null ? published : published.chain(() -> memberships.send(Record.of(membershipKey, payload)));
    }

    /**
     * A message's event, carrying the trace of the command that stored it (TraceHeaders), so every gateway's fan-out
     * of it joins that trace. Without a traced command it carries its routing only.
     */
    public Uni<Void> publish(UUID roomId, ChatEvent event, Context trace) {
        return send(roomId.toString(), event, trace);
    }

    /** An event about a user rather than a room (presence), keyed by the user's id to keep their events in order. */
    public Uni<Void> publish(String key, ChatEvent event) {
        return send(key, event, Context.root());
    }

    /**
     * An event with its routing in headers (EventRouting: gateways route it without parsing it) and, when the context
     * holds a span, its trace.
     */
    private Uni<Void> send(String key, ChatEvent event, Context trace) {
        try {
            RecordHeaders headers = new RecordHeaders();
            EventRouting.write(EventRouting.of(event), headers);
            SendAcks.write(event, headers);
            if (Span.fromContext(trace).getSpanContext().isValid()) {
                TraceHeaders.inject(trace, headers);
            }
            var metadata = OutgoingKafkaRecordMetadata.<String>builder().withHeaders(headers).build();
            return events.sendMessage(Message.of(Record.of(key, mapper.writeValueAsString(event))).addMetadata(metadata));
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
    }
}
