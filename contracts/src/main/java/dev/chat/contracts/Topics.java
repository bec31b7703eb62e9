package dev.chat.contracts;

import java.util.List;

/**
 * Every Kafka topic of the system, with the shape the local broker and the cluster create it in.
 * Keys: commands and events of a room are keyed by room id, of a user by user id, so each key's records
 * stay in order on one partition.
 */
public final class Topics {

    /** Auth and user commands from the gateway to user-service (request-reply), keyed by username or user id. */
    public static final String USER_COMMANDS = "user.commands";
    /** user-service's replies to {@link #USER_COMMANDS}, read by every gateway instance. */
    public static final String USER_REPLIES = "user.commands.replies";
    /**
     * Token refreshes from the gateway to user-service (request-reply), apart from {@link #USER_COMMANDS}: a refresh is
     * cheap and must not queue behind logins, which hash on purpose slowly. Random keys.
     */
    public static final String USER_REFRESH = "user.refresh";
    /** user-service's replies to {@link #USER_REFRESH}, read by every gateway instance. */
    public static final String USER_REFRESH_REPLIES = "user.refresh.replies";
    /** Facts about users (registered), keyed by user id; chat-service learns its members from here. */
    public static final String USER_EVENTS = "user.events";
    /** Revoked sessions (logout), keyed by session id, compacted; every gateway keeps them until expiry. */
    public static final String AUTH_REVOCATIONS = "auth.revocations";

    /** Room and message commands from the gateway to chat-service (request-reply), keyed by room id or user id. */
    public static final String CHAT_COMMANDS = "chat.commands";
    /** chat-service's replies to {@link #CHAT_COMMANDS}, read by every gateway instance. */
    public static final String CHAT_REPLIES = "chat.commands.replies";
    /**
     * Room events (message, member, room, read, join-request; typing from gateways), keyed by room id, each
     * value the very frame members get. Every gateway instance reads all of it and delivers to its own sockets.
     */
    public static final String CHAT_EVENTS = "chat.events";

    /**
     * Who is a member of which room, for services that keep their own view of it (sketch-service): chat-service's
     * {@code member} and {@code room} (deleted) events again, without the rest of chat.events' traffic. One
     * partition, so a room's joins and its deletion replay in the order they happened; compacted by
     * {@code roomId/userId} (and {@code roomId} for a deletion), so a new reader gets every membership there is from
     * the start of the topic however old it is.
     */
    public static final String CHAT_MEMBERSHIPS = "chat.memberships";

    /**
     * What gateways tell user-service about connections: opened and closed (keyed by user id, so one user's
     * signals stay in order) and each instance's heartbeat (keyed by instance id), from which presence follows.
     */
    public static final String PRESENCE_SIGNALS = "presence.signals";

    /** Sketch commands from the gateway to sketch-service, keyed by room id: request-reply, and one-way live previews. */
    public static final String SKETCH_COMMANDS = "sketch.commands";
    /** sketch-service's replies to {@link #SKETCH_COMMANDS}, read by every gateway instance. */
    public static final String SKETCH_REPLIES = "sketch.commands.replies";
    /**
     * Canvas ops (stroke, undo, redo, clear) in each canvas's seq order and live previews, keyed by room id; each
     * value the very frame members get. Every gateway instance reads all of it, as it reads chat.events.
     */
    public static final String SKETCH_EVENTS = "sketch.events";

    public static final List<TopicSpec> ALL = List.of(
            new TopicSpec(USER_COMMANDS, 8, false),
            new TopicSpec(USER_REPLIES, 4, false),
            new TopicSpec(USER_REFRESH, 4, false),
            new TopicSpec(USER_REFRESH_REPLIES, 4, false),
            new TopicSpec(USER_EVENTS, 8, false),
            new TopicSpec(AUTH_REVOCATIONS, 1, true),
            new TopicSpec(CHAT_COMMANDS, 16, false),
            new TopicSpec(CHAT_REPLIES, 4, false),
            new TopicSpec(CHAT_EVENTS, 16, false),
            new TopicSpec(CHAT_MEMBERSHIPS, 1, true),
            new TopicSpec(PRESENCE_SIGNALS, 8, false),
            new TopicSpec(SKETCH_COMMANDS, 16, false),
            new TopicSpec(SKETCH_REPLIES, 4, false),
            new TopicSpec(SKETCH_EVENTS, 16, false));

    private Topics() {
    }

    public record TopicSpec(String name, int partitions, boolean compacted) {
        /** The form the broker launcher takes on its command line. */
        public String asArgument() {
            return name + ":" + partitions + ":" + compacted;
        }
    }
}
