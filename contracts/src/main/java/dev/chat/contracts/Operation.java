package dev.chat.contracts;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Every command the gateway sends a service over Kafka. The wire name is what travels in
 * {@link ServiceRequest#op()}; both sides use the constant, so a typo fails to compile.
 */
public enum Operation {
    AUTH_REGISTER("auth.register", Owner.USER, false),
    AUTH_LOGIN("auth.login", Owner.USER, false),
    AUTH_REFRESH("auth.refresh", Owner.USER, false),
    AUTH_LOGOUT("auth.logout", Owner.USER, true),
    USERS_ME("users.me", Owner.USER, true),
    USERS_LIST("users.list", Owner.USER, true),

    MESSAGES_SEND("messages.send", Owner.CHAT, true),
    MESSAGES_HISTORY("messages.history", Owner.CHAT, true),
    MESSAGES_EDIT("messages.edit", Owner.CHAT, true),
    MESSAGES_DELETE("messages.delete", Owner.CHAT, true),
    MESSAGES_REACT("messages.react", Owner.CHAT, true),
    MESSAGES_SEARCH("messages.search", Owner.CHAT, true),
    ROOMS_CREATE("rooms.create", Owner.CHAT, true),
    ROOMS_LIST("rooms.list", Owner.CHAT, true),
    ROOMS_GET("rooms.get", Owner.CHAT, true),
    ROOMS_JOIN("rooms.join", Owner.CHAT, true),
    ROOMS_LEAVE("rooms.leave", Owner.CHAT, true),
    ROOMS_DELETE("rooms.delete", Owner.CHAT, true),
    ROOMS_UPDATE("rooms.update", Owner.CHAT, true),
    ROOMS_MEMBERS("rooms.members", Owner.CHAT, true),
    ROOMS_MEMBERS_REMOVE("rooms.members.remove", Owner.CHAT, true),
    ROOMS_READ("rooms.read", Owner.CHAT, true),
    ROOMS_POSITIONS("rooms.positions", Owner.CHAT, true),
    ROOMS_JOIN_REQUESTS("rooms.join-requests", Owner.CHAT, true),
    ROOMS_JOIN_REQUESTS_APPROVE("rooms.join-requests.approve", Owner.CHAT, true),
    ROOMS_JOIN_REQUESTS_REJECT("rooms.join-requests.reject", Owner.CHAT, true),
    DMS_OPEN("dms.open", Owner.CHAT, true),

    SKETCH_STROKE("sketch.stroke", Owner.SKETCH, true),
    SKETCH_UNDO("sketch.undo", Owner.SKETCH, true),
    SKETCH_REDO("sketch.redo", Owner.SKETCH, true),
    SKETCH_CLEAR("sketch.clear", Owner.SKETCH, true),
    SKETCH_RESUME("sketch.resume", Owner.SKETCH, true),
    SKETCH_CANVAS("sketch.canvas", Owner.SKETCH, true),
    SKETCH_OPS("sketch.ops", Owner.SKETCH, true),
    SKETCH_SVG("sketch.svg", Owner.SKETCH, true);

    /** The service that answers an operation. */
    public enum Owner { USER, CHAT, SKETCH }

    private static final Map<String, Operation> BY_WIRE_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(Operation::wireName, Function.identity()));

    private final String wireName;
    private final Owner owner;
    private final boolean needsCaller;

    Operation(String wireName, Owner owner, boolean needsCaller) {
        this.wireName = wireName;
        this.owner = owner;
        this.needsCaller = needsCaller;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    public Owner owner() {
        return owner;
    }

    /** False only for the anonymous calls that sign a user in (register, login, refresh). */
    public boolean needsCaller() {
        return needsCaller;
    }

    /** The operation of a wire name; null for one this version does not know (answered as such, never thrown). */
    @JsonCreator
    public static Operation fromWireName(String wireName) {
        return wireName == null ? null : BY_WIRE_NAME.get(wireName);
    }

    @Override
    public String toString() {
        return wireName;
    }
}
