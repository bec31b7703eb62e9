package dev.chat.chat.messaging;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Outgoing;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.chat.chat.repository.UserDirectory;
import dev.chat.chat.service.MessageService;
import dev.chat.chat.service.Replies;
import dev.chat.chat.service.RoomService;
import dev.chat.contracts.ErrorCodes;
import dev.chat.contracts.ServiceReply;
import dev.chat.contracts.ServiceRequest;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Answers the gateways' chat commands. Commands about a room are keyed by its id, so one room's commands
 * are handled one after another, in the order they were sent. The reply keeps the request's metadata and so
 * goes back to the requesting gateway's reply topic with its correlation id.
 */
@ApplicationScoped
public class ChatCommandHandler {

    private final RoomService rooms;
    private final MessageService messages;
    private final UserDirectory users;
    private final Replies replies;
    private final ObjectMapper mapper;

    public ChatCommandHandler(RoomService rooms, MessageService messages, UserDirectory users, Replies replies, ObjectMapper mapper) {
        this.rooms = rooms;
        this.messages = messages;
        this.users = users;
        this.replies = replies;
        this.mapper = mapper;
    }

    @Incoming("chat-commands")
    @Outgoing("chat-replies")
    public Uni<Message<String>> handle(Message<String> request) {
        return answer(request.getPayload())
                .onFailure().recoverWithItem(e -> {
                    Log.errorf(e, "command failed: %s", request.getPayload());
                    return replies.problem(500, ErrorCodes.INTERNAL_ERROR, "the chat service failed to handle the call");
                })
                .map(reply -> request.withPayload(json(reply)));
    }

    Uni<ServiceReply> answer(String payload) {
        ServiceRequest command;
        try {
            command = mapper.readValue(payload, ServiceRequest.class);
        } catch (Exception e) {
            return replies.now(replies.problem(400, ErrorCodes.VALIDATION_FAILED, "unreadable command"));
        }
        var caller = command.caller();
        if (caller == null || caller.userId() == null || caller.username() == null) {
            return replies.now(replies.problem(401, ErrorCodes.UNAUTHORIZED, "authentication required"));
        }
        // The caller may be newer than the user events this service has read: know them (and put them in
        // general) before anything else, so their first call already finds them a member.
        return users.ensureKnown(UUID.fromString(caller.userId()), caller.username(), java.time.Instant.now())
                .chain(() -> dispatch(command));
    }

    private Uni<ServiceReply> dispatch(ServiceRequest command) {
        var caller = command.caller();
        var body = command.body();
        String op = command.op() == null ? "" : command.op();
        return switch (op) {
            case "messages.send" -> messages.send(caller, body);
            case "messages.history" -> messages.history(caller, body);
            case "rooms.create" -> rooms.create(caller, body);
            case "rooms.list" -> rooms.list(caller, body);
            case "rooms.get" -> rooms.get(caller, body);
            case "rooms.join" -> rooms.join(caller, body);
            case "rooms.leave" -> rooms.leave(caller, body);
            case "rooms.delete" -> rooms.delete(caller, body);
            case "rooms.members" -> rooms.members(caller, body);
            case "rooms.read" -> rooms.read(caller, body);
            case "rooms.positions" -> rooms.positions(caller);
            case "rooms.join-requests" -> rooms.joinRequests(caller, body);
            case "rooms.join-requests.approve" -> rooms.decideJoinRequest(caller, body, true);
            case "rooms.join-requests.reject" -> rooms.decideJoinRequest(caller, body, false);
            case "rooms.members.remove" -> rooms.removeMember(caller, body);
            case "dms.open" -> rooms.openDirect(caller, body);
            default -> replies.now(replies.problem(400, ErrorCodes.VALIDATION_FAILED, "unknown operation " + op));
        };
    }

    private String json(ServiceReply reply) {
        try {
            return mapper.writeValueAsString(reply);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
