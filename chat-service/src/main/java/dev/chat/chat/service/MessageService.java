package dev.chat.chat.service;

import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chat.chat.config.ChatConfig;
import dev.chat.chat.domain.ChatValidation;
import dev.chat.chat.domain.Frames;
import dev.chat.chat.domain.Message;
import dev.chat.chat.messaging.ChatEventPublisher;
import dev.chat.chat.repository.MessageRepository;
import dev.chat.contracts.ServiceReply;
import dev.chat.contracts.ServiceRequest.Caller;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;

/** Sending and reading messages. */
@ApplicationScoped
public class MessageService {

    private final MessageRepository messages;
    private final RoomAccess access;
    private final ChatEventPublisher events;
    private final Replies replies;
    private final ChatConfig config;
    private final MeterRegistry metrics;

    public MessageService(MessageRepository messages, RoomAccess access, ChatEventPublisher events, Replies replies,
            ChatConfig config, MeterRegistry metrics) {
        this.messages = messages;
        this.access = access;
        this.events = events;
        this.replies = replies;
        this.config = config;
        this.metrics = metrics;
    }

    /**
     * Stores the message under the room's next seq and publishes it once; a resend with the same
     * clientMsgId answers the stored message (200 rather than 201) and publishes nothing.
     */
    public Uni<ServiceReply> send(Caller caller, JsonNode body) {
        var input = ChatValidation.newMessage(body, config.maxTextLength());
        if (!input.isValid()) {
            return replies.invalid(input.errors());
        }
        var message = input.value();
        UUID senderId = UUID.fromString(caller.userId());
        return access.asMember(message.roomId(), senderId, found -> messages
                .append(message.roomId(), new Message.Sender(senderId, caller.username()), message.text(), message.clientMsgId(),
                        RoomService.now())
                .chain(appended -> {
                    if (!appended.created()) {
                        metrics.counter("chat.messages.resent").increment();
                        return replies.now(replies.ok(200, appended.message()));
                    }
                    metrics.counter("chat.messages.stored").increment();
                    return events.publish(message.roomId(), Frames.message(appended.message()))
                            .replaceWith(replies.ok(201, appended.message()));
                }));
    }

    public Uni<ServiceReply> history(Caller caller, JsonNode body) {
        var input = ChatValidation.historyQuery(body, config.defaultHistoryLimit(), config.maxHistoryLimit());
        if (!input.isValid()) {
            return replies.invalid(input.errors());
        }
        var query = input.value();
        return access.asMember(query.roomId(), UUID.fromString(caller.userId()), found -> messages.history(query)
                .map(page -> replies.ok(200, Map.of("messages", page.messages(), "hasMore", page.hasMore()))));
    }
}
