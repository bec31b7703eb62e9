package dev.chat.chat.service;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.chat.chat.messaging.ChatReplies;
import dev.chat.chat.repository.UserDirectory;
import dev.chat.contracts.ServiceReply;
import dev.chat.contracts.ServiceRequest.Caller;
import dev.chat.contracts.UuidV7;
import io.smallrye.mutiny.Uni;

/**
 * What the service tests share: users, rooms and messages made through the real services, and outcomes read
 * as the replies the gateway would get (through the one mapper), so the tests assert the contract's statuses.
 */
@Singleton
public class ChatFixture {

    private final ChannelService channels;
    private final MembershipService membership;
    private final MessageService messages;
    private final UserDirectory users;
    private final ChatReplies replies;
    private final ObjectMapper mapper;

    public ChatFixture(ChannelService channels, MembershipService membership, MessageService messages, UserDirectory users,
            ChatReplies replies, ObjectMapper mapper) {
        this.channels = channels;
        this.membership = membership;
        this.messages = messages;
        this.users = users;
        this.replies = replies;
        this.mapper = mapper;
    }

    public ServiceReply result(Uni<Outcome> outcome) {
        return replies.toReply(outcome.await().atMost(Duration.ofSeconds(30)));
    }

    public List<ServiceReply> results(Uni<List<Outcome>> outcomes) {
        return outcomes.await().atMost(Duration.ofSeconds(60)).stream().map(replies::toReply).toList();
    }

    public Caller newUser() {
        UUID id = UuidV7.next();
        String name = "u" + id.toString().substring(24);
        users.ensureKnown(id, name, Instant.now()).await().atMost(Duration.ofSeconds(10));
        return new Caller(id.toString(), name, UUID.randomUUID().toString());
    }

    public ObjectNode json(Object... pairs) {
        ObjectNode node = mapper.createObjectNode();
        for (int i = 0; i < pairs.length; i += 2) {
            node.set((String) pairs[i], mapper.valueToTree(pairs[i + 1]));
        }
        return node;
    }

    public String createRoom(Caller owner, String visibility, String password) {
        ObjectNode body = json("name", "room " + UUID.randomUUID().toString().substring(0, 8), "visibility", visibility);
        if (password != null) {
            body.put("password", password);
        }
        ServiceReply reply = result(channels.create(owner, body));
        if (reply.status() != 201) {
            throw new AssertionError("room not created: " + reply.body());
        }
        return reply.body().get("id").asText();
    }

    /** A public room that writes no system lines: its messages' seqs are only the messages sent, from 1. */
    public String createQuietRoom(Caller owner) {
        String roomId = createRoom(owner, "public", null);
        ServiceReply reply = result(channels.update(owner, json("roomId", roomId, "systemLines", false)));
        if (reply.status() != 200) {
            throw new AssertionError("system lines not turned off: " + reply.body());
        }
        return roomId;
    }

    public ServiceReply join(Caller caller, String roomId) {
        return result(membership.join(caller, json("roomId", roomId)));
    }

    public ServiceReply send(Caller sender, String roomId, String clientMsgId, String text) {
        return result(messages.send(sender, json("roomId", roomId, "clientMsgId", clientMsgId, "text", text)));
    }

    public JsonNode history(Caller caller, Object... params) {
        ServiceReply reply = result(messages.history(caller, json(params)));
        if (reply.status() != 200) {
            throw new AssertionError("history refused: " + reply.body());
        }
        return reply.body();
    }

    /** The caller's unread count in the room, as their room list says. */
    public long unread(Caller caller, String roomId) {
        for (JsonNode room : result(channels.list(caller, json("scope", "mine"))).body()) {
            if (room.get("id").asText().equals(roomId)) {
                return room.get("unread").asLong();
            }
        }
        throw new AssertionError("room not listed");
    }

    public static List<Long> seqs(JsonNode page) {
        List<Long> seqs = new ArrayList<>();
        page.get("messages").forEach(m -> seqs.add(m.get("seq").asLong()));
        return seqs;
    }

    public static Set<Long> seqSet(long from, long to) {
        return LongStream.rangeClosed(from, to).boxed().collect(Collectors.toSet());
    }

    public static List<Long> seqList(long from, long to) {
        return LongStream.rangeClosed(from, to).boxed().toList();
    }
}
