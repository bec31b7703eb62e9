package dev.chat.chat.service;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.chat.chat.config.ChatConfig;
import dev.chat.contracts.ServiceRequest.Caller;

/**
 * The per-user budgets of this service, the owner of what they protect, so a REST send and a WebSocket send, through
 * any gateway, draw on one budget. Each check answers the {@link Outcome.RateLimited} to give, or empty to go on.
 *
 * <p>In memory, per instance (a restart or a partition moving forgives what was counted). Commands are spread over
 * instances by their key: room creations and direct rooms are keyed by the user, and password guesses are about one
 * room, so each of those is counted in one place; sends and joins are keyed by room, so with N instances a user
 * sending to (or joining) rooms on different instances can get up to N times the budget. Shared counters (Redis)
 * would close that at a round trip per command.
 */
@ApplicationScoped
public class ChatLimits {

    private final SlidingWindowLimiter sends;
    private final SlidingWindowLimiter creations;
    private final SlidingWindowLimiter directRooms;
    private final SlidingWindowLimiter joins;
    private final SlidingWindowLimiter passwordFailures;
    private final ChatConfig.RateLimits config;

    public ChatLimits(ChatConfig config) {
        this.config = config.limits();
        this.sends = new SlidingWindowLimiter(this.config.sendsPerWindow(), this.config.sendWindow());
        this.creations = new SlidingWindowLimiter(this.config.creationsPerWindow(), this.config.creationWindow());
        this.directRooms = new SlidingWindowLimiter(this.config.directRoomsPerWindow(), this.config.directRoomWindow());
        this.joins = new SlidingWindowLimiter(this.config.joinsPerWindow(), this.config.joinWindow());
        this.passwordFailures = new SlidingWindowLimiter(this.config.passwordFailures(), this.config.passwordFailureWindow());
    }

    Optional<Outcome> send(Caller caller) {
        return check(sends, caller.userId(), "messages", config.sendWindow());
    }

    Optional<Outcome> createRoom(Caller caller) {
        return check(creations, caller.userId(), "new rooms", config.creationWindow());
    }

    /**
     * Reserves a new direct room of the caller before it is opened; if the room turned out to exist, {@link
     * #notNewDirectRoom} gives it back: opening an existing one costs nothing.
     */
    Optional<Outcome> newDirectRoom(Caller caller) {
        return check(directRooms, caller.userId(), "new direct rooms", config.directRoomWindow());
    }

    void notNewDirectRoom(Caller caller) {
        directRooms.giveBack(caller.userId());
    }

    Optional<Outcome> join(Caller caller) {
        return check(joins, caller.userId(), "joins", config.joinWindow());
    }

    /**
     * Reserves one password attempt of the caller at this room before bcrypt runs, so concurrent guesses cannot
     * overshoot; a right password gives it back ({@link #rightPassword}), so only wrong ones count.
     */
    Optional<Outcome> passwordAttempt(Caller caller, UUID roomId) {
        return check(passwordFailures, guessKey(caller, roomId), "wrong passwords for this room", config.passwordFailureWindow());
    }

    void rightPassword(Caller caller, UUID roomId) {
        passwordFailures.giveBack(guessKey(caller, roomId));
    }

    private static String guessKey(Caller caller, UUID roomId) {
        return caller.userId() + "/" + roomId;
    }

    private static Optional<Outcome> check(SlidingWindowLimiter limiter, String key, String what, Duration window) {
        if (limiter.tryAcquire(key)) {
            return Optional.empty();
        }
        return Optional.of(new Outcome.RateLimited("at most " + limiter.limit() + " " + what + " per " + describe(window)));
    }

    /** A window as people say it: "10 s", "15 min", "1 h". */
    static String describe(Duration window) {
        long seconds = window.toSeconds();
        if (seconds % 3600 == 0) {
            return seconds / 3600 + " h";
        }
        if (seconds % 60 == 0) {
            return seconds / 60 + " min";
        }
        return seconds + " s";
    }
}
