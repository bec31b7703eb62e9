package dev.chat.gateway.messaging;

import java.io.IOException;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.chat.contracts.CommandSignature;
import dev.chat.contracts.Commands;
import dev.chat.contracts.Operation;
import dev.chat.contracts.SendAcks;
import dev.chat.contracts.ServiceReply;
import dev.chat.contracts.ServiceRequest.Caller;
import dev.chat.contracts.Topics;
import dev.chat.gateway.config.GatewayConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Tracer;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;

/**
 * Room and message calls to chat-service; room calls are keyed by room id so a room's calls stay in order. Sends are
 * acknowledged by their message event ({@link #send}).
 */
@Singleton
public class ChatServiceClient extends ServiceClient {

    private final PendingAcks acks;
    private final ObjectMapper mapper;

    public ChatServiceClient(@Channel("chat-requests") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096)
            MutinyEmitter<String> requests, PendingReplies replies, ObjectMapper mapper, CommandSignature signature,
            GatewayConfig config, MeterRegistry metrics, Tracer tracer,
            PendingAcks acks) {
        super("chat-service", new ServiceRequests(requests::sendMessage, replies, Topics.CHAT_REPLIES), mapper, signature, config,
                metrics, tracer);
        this.acks = acks;
        this.mapper = mapper;
    }

    /**
     * A send, one-way when it can be (SendAcks): its stored message's event, which reaches this instance like every room
     * event, answers it as the reply would (201 with the message); chat-service replies only to a send that stored
     * nothing new. A second send of the same clientMsgId while the first waits asks for a reply.
     */
    public Uni<ServiceReply> send(Caller caller, Commands.SendMessage command) {
        return call(Operation.MESSAGES_SEND, caller, command, command.roomId(), () -> {
            Uni<byte[]> event = acks.expect(SendAcks.key(caller.userId(), command.clientMsgId()));
            return event == null ? null : event.map(this::stored);
        });
    }

    private ServiceReply stored(byte[] event) {
        try {
            return new ServiceReply(201, mapper.readTree(event));
        } catch (IOException e) {
            throw new IllegalStateException("an unreadable message event", e);
        }
    }
}
