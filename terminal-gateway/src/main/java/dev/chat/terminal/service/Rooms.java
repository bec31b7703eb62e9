package dev.chat.terminal.service;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chat.terminal.client.GatewayApi;
import dev.chat.terminal.domain.Command;
import dev.chat.terminal.domain.TerminalText;
import io.smallrye.mutiny.Uni;

/**
 * The room commands of a terminal session, each a call or two to the gateway's REST API and a few lines of answer:
 * the same calls the web client makes, so the same rules (membership, passwords, join requests, limits) hold.
 */
final class Rooms {

    private static final String ROOMS = "/api/rooms/";

    private Rooms() {
    }

    /** Reads the user's rooms: their labels, the channels by name, and general as the room to start in. */
    static Uni<Void> load(TerminalSession session) {
        return session.call("GET", "/api/rooms?scope=mine", null).invoke(reply -> {
            if (!reply.ok()) {
                return;
            }
            synchronized (session) {
                for (JsonNode room : reply.body()) {
                    remember(session, room);
                    if ("general".equals(room.path("kind").asText()) && session.currentRoomId() == null) {
                        session.moveTo(room.path("id").asText());
                    }
                }
            }
        }).replaceWithVoid();
    }

    /** Reads one room the session did not know yet (joined on the web, or a conversation someone opened). */
    static Uni<Void> learn(TerminalSession session, String roomId) {
        return session.call("GET", ROOMS + GatewayApi.query(roomId), null).invoke(reply -> {
            // A direct room without its other person (their account is gone) keeps the label it has.
            if (reply.ok() && !("direct".equals(reply.body().path("kind").asText()) && !reply.body().hasNonNull("peer"))) {
                synchronized (session) {
                    remember(session, reply.body());
                }
            }
        }).replaceWithVoid();
    }

    /** A room's label ({@code #name}, or {@code @peer} for a direct conversation) and, for a channel, its name. */
    private static void remember(TerminalSession session, JsonNode room) {
        String id = room.path("id").asText();
        session.live().seen(id, room.path("lastSeq").asLong());
        if ("direct".equals(room.path("kind").asText())) {
            session.labels().put(id, "@" + room.path("peer").path("username").asText(room.path("name").asText()));
            return;
        }
        session.labels().put(id, "#" + room.path("name").asText());
        session.channelIds().put(room.path("name").asText().toLowerCase(Locale.ROOT), id);
    }

    static Uni<Void> join(TerminalSession session, Command.Join join) {
        String known = session.channelIds().get(join.room().toLowerCase(Locale.ROOT));
        if (known != null) {
            session.moveTo(known);
            return session.say("* now talking in " + session.label(known));
        }
        return session.call("GET", "/api/rooms?name=" + GatewayApi.query(join.room()), null).chain(found -> {
            if (!found.ok() || found.body().isEmpty()) {
                return session.say("* no room named " + TerminalText.shown(join.room()) + " (/rooms lists yours)");
            }
            JsonNode room = found.body().get(0);
            String roomId = room.path("id").asText();
            String label = "#" + TerminalText.shown(room.path("name").asText());
            Object body = join.password() == null ? Map.of() : Map.of("password", join.password());
            synchronized (session) {
                session.live().joining(roomId);
            }
            return session.call("POST", ROOMS + roomId + "/join", body).chain(joined -> {
                if (joined.status() == 202) {
                    return session.say("* " + label + " is private: your request to join went to its owner; you will be told"
                            + " here when they let you in");
                }
                if (!joined.ok()) {
                    return session.say("* could not join " + label + ": " + joined.detail());
                }
                return load(session).chain(() -> {
                    session.moveTo(roomId);
                    return session.say("* you joined " + label + "; now talking there");
                });
            }).eventually(() -> {
                synchronized (session) {
                    session.live().joinEnded(roomId);
                }
            });
        });
    }

    static Uni<Void> leave(TerminalSession session) {
        String roomId = session.currentRoomId();
        String label = session.label(roomId);
        return session.call("POST", ROOMS + roomId + "/leave", Map.of()).chain(reply -> {
            if (!reply.ok()) {
                return session.say("* could not leave " + label + ": " + reply.detail());
            }
            synchronized (session) {
                session.labels().remove(roomId);
                session.channelIds().values().remove(roomId);
                session.moveTo(null);
            }
            return load(session).chain(() -> session.say("* you left " + label + "; now in " + session.label(session.currentRoomId())));
        });
    }

    static Uni<Void> list(TerminalSession session) {
        return session.call("GET", "/api/rooms?scope=mine", null).chain(reply -> {
            if (!reply.ok()) {
                return session.say("* " + reply.detail());
            }
            session.say("* your rooms (/join name to talk in one):");
            for (JsonNode room : reply.body()) {
                String id = room.path("id").asText();
                String label = "direct".equals(room.path("kind").asText())
                        ? "@" + room.path("peer").path("username").asText() : "#" + room.path("name").asText();
                long unread = room.path("unread").asLong();
                session.say("*   " + TerminalText.shown(label) + (unread > 0 ? "  " + unread + " unread" : "")
                        + (id.equals(session.currentRoomId()) ? "  (current)" : "")
                        + (room.hasNonNull("topic") ? "  " + TerminalText.shown(room.path("topic").asText()) : ""));
            }
            return TerminalSession.done();
        });
    }

    static Uni<Void> who(TerminalSession session) {
        String roomId = session.currentRoomId();
        return session.call("GET", ROOMS + roomId + "/members", null).chain(reply -> {
            if (!reply.ok()) {
                return session.say("* " + reply.detail());
            }
            session.say("* " + reply.body().size() + " in " + session.label(roomId) + ":");
            for (JsonNode member : reply.body()) {
                session.say("*   " + TerminalText.shown(member.path("username").asText())
                        + ("owner".equals(member.path("role").asText()) ? " (owner)" : "")
                        + (member.path("online").asBoolean() ? "  online" : "  offline"));
            }
            return TerminalSession.done();
        });
    }

    static Uni<Void> history(TerminalSession session, Command.History history) {
        String roomId = session.currentRoomId();
        String path = ROOMS + roomId + "/messages?limit=" + history.count()
                + (history.since() == null ? "" : "&since=" + GatewayApi.query(history.since().toString()));
        return session.call("GET", path, null).chain(reply -> {
            if (!reply.ok()) {
                return session.say("* " + reply.detail());
            }
            JsonNode messages = reply.body().path("messages");
            session.say("* history of " + session.label(roomId) + (history.since() == null ? ", the last " + messages.size()
                    : " since " + history.since() + ", " + messages.size()) + " messages:");
            Instant last = null;
            for (JsonNode message : messages) {
                session.messageLines(message).forEach(session::say);
                last = Instant.parse(message.path("createdAt").asText());
            }
            if (history.since() != null && reply.body().path("hasMore").asBoolean() && last != null) {
                return session.say("* more: /history since " + last.plusMillis(1));
            }
            return session.say("* end of history");
        });
    }

    /** A direct message: the conversation with that user, opened (or found) with the gateway, then the line sent in it. */
    static Uni<Void> direct(TerminalSession session, Command.Msg msg) {
        return session.call("GET", "/api/users?limit=50&query=" + GatewayApi.query(msg.username()), null).chain(users -> {
            JsonNode user = null;
            for (JsonNode candidate : users.ok() ? users.body() : TerminalSession.EMPTY) {
                if (candidate.path("username").asText().equalsIgnoreCase(msg.username())) {
                    user = candidate;
                }
            }
            if (user == null) {
                return session.say("* no user named " + TerminalText.shown(msg.username()));
            }
            if (user.path("id").asText().equals(session.userId())) {
                return session.say("* that is you");
            }
            String name = user.path("username").asText();
            return session.call("POST", "/api/dms", Map.of("userId", user.path("id").asText())).chain(room -> {
                if (!room.ok()) {
                    return session.say("* could not write to " + TerminalText.shown(name) + ": " + room.detail());
                }
                String roomId = room.body().path("id").asText();
                synchronized (session) {
                    session.labels().put(roomId, "@" + name);
                }
                return session.send(roomId, msg.text());
            });
        });
    }
}
