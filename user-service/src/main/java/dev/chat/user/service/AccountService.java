package dev.chat.user.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chat.contracts.Commands.ListUsers;
import dev.chat.contracts.Problem.FieldError;
import dev.chat.contracts.ServiceRequest.Caller;
import dev.chat.contracts.UuidV7;
import dev.chat.support.PasswordHasher;
import dev.chat.support.Times;
import dev.chat.user.config.UserServiceConfig;
import dev.chat.user.domain.AccountValidation;
import dev.chat.user.domain.TokenPair;
import dev.chat.user.domain.ListedUserView;
import dev.chat.user.domain.User;
import dev.chat.user.domain.UserView;
import dev.chat.user.messaging.UserEventRelay;
import dev.chat.user.repository.SessionRepository;
import dev.chat.user.repository.SessionRepository.Rotation;
import dev.chat.user.repository.UserRepository;
import dev.chat.user.service.AccountOutcome.Created;
import dev.chat.user.service.AccountOutcome.Done;
import dev.chat.user.service.AccountOutcome.Invalid;
import dev.chat.user.service.AccountOutcome.InvalidCredentials;
import dev.chat.user.service.AccountOutcome.InvalidRefreshToken;
import dev.chat.user.service.AccountOutcome.NoSession;
import dev.chat.user.service.AccountOutcome.NotFound;
import dev.chat.user.service.AccountOutcome.Ok;
import dev.chat.user.service.AccountOutcome.Throttled;
import dev.chat.user.service.AccountOutcome.UsernameTaken;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Registration, login, token refresh and logout, and the user directory. Each call answers an
 * {@link AccountOutcome}; how that reaches the caller is the messaging layer's business.
 *
 * <p>Every call must start on a Vert.x duplicated context (a Kafka handler's; {@code VertxContextSupport} in tests):
 * the repositories' Hibernate Reactive sessions live on it.
 */
@ApplicationScoped
public class AccountService {

    static final int DEFAULT_LIST_LIMIT = 50;
    static final int MAX_LIST_LIMIT = 200;

    private final UserRepository users;
    private final SessionRepository sessions;
    private final PasswordHasher passwords;
    private final TokenService tokens;
    private final LoginThrottle throttle;
    private final UserEventRelay relay;
    private final PresenceService presence;
    private final UserServiceConfig config;
    private final MeterRegistry metrics;

    public AccountService(UserRepository users, SessionRepository sessions, PasswordHasher passwords, TokenService tokens,
            LoginThrottle throttle, UserEventRelay relay, PresenceService presence, UserServiceConfig config,
            MeterRegistry metrics) {
        this.users = users;
        this.sessions = sessions;
        this.passwords = passwords;
        this.tokens = tokens;
        this.throttle = throttle;
        this.relay = relay;
        this.presence = presence;
        this.config = config;
        this.metrics = metrics;
    }

    public Uni<AccountOutcome> register(JsonNode body) {
        var input = AccountValidation.registration(body);
        if (!input.isValid()) {
            return just(new Invalid(input.errors()));
        }
        var registration = input.value();
        return onCallerContext(passwords.hash(registration.password()))
                .map(hash -> new User(UuidV7.next(), registration.username(), registration.email(), hash, Times.now()))
                .chain(users::insert)
                .chain(stored -> {
                    if (stored.isEmpty()) {
                        return just(new UsernameTaken(registration.username()));
                    }
                    User user = stored.get();
                    metrics.counter("chat.users.registered").increment();
                    Log.infof("registered user %s (%s)", user.id(), user.username());
                    return then(relay.announce(user.id(), user.username(), user.createdAt())
                            .onFailure().invoke(e -> Log.warnf("user %s registered, its event left to the relay: %s", user.id(), e))
                            .onFailure().recoverWithNull(),
                            new Created(UserView.own(user)));
                });
    }

    public Uni<AccountOutcome> login(JsonNode body) {
        var input = AccountValidation.credentials(body);
        if (!input.isValid()) {
            return just(new Invalid(input.errors()));
        }
        String username = input.value().username();
        if (!AccountValidation.couldBeAnAccount(input.value())) {
            // No account has such a name or password (the registration rules): refused without a hash, a lookup or a
            // throttle entry, so a 60 KiB username costs nothing and leaves nothing in Redis. The rules are public, so the
            // quick answer tells nobody anything.
            metrics.counter("chat.users.logins", "outcome", "impossible").increment();
            return just(new InvalidCredentials());
        }
        return throttle.isBlocked(username).chain(blocked -> {
            if (blocked) {
                metrics.counter("chat.users.logins", "outcome", "throttled").increment();
                return just(new Throttled());
            }
            return users.findByUsername(username).chain(found -> onCallerContext(passwords
                    .matches(input.value().password(), found.map(User::passwordHash).orElse(null)))
                    .chain(matches -> {
                        if (!matches) {
                            metrics.counter("chat.users.logins", "outcome", "refused").increment();
                            return then(throttle.recordFailure(username), new InvalidCredentials());
                        }
                        metrics.counter("chat.users.logins", "outcome", "accepted").increment();
                        User user = found.get();
                        return throttle.reset(username).chain(() -> openSession(user));
                    }));
        });
    }

    public Uni<AccountOutcome> refresh(JsonNode body) {
        List<FieldError> errors = new ArrayList<>();
        String presented = body == null || !body.isObject()
                ? null
                : AccountValidation.text(body, "refreshToken", errors);
        if (presented == null) {
            return just(new Invalid(errors.isEmpty() ? List.of(new FieldError("body", "must be a JSON object")) : errors));
        }
        Instant now = Times.now();
        String next = RefreshTokens.generate();
        return sessions.rotate(RefreshTokens.hash(presented), RefreshTokens.hash(next), now, now.plus(config.refreshTokenTtl()),
                        config.refreshReuseGrace())
                .chain(rotation -> {
                    if (rotation instanceof Rotation.Rotated rotated) {
                        refreshed(rotated.retried() ? "retried" : "rotated");
                        return users.findById(rotated.userId()).map(user -> user
                                .map(u -> ok(tokenPair(u, rotated.sessionId(), next, now)))
                                .orElseGet(InvalidRefreshToken::new));
                    }
                    if (rotation instanceof Rotation.ReuseDetected reuse) {
                        refreshed("reused");
                        Log.warnf("refresh token of session %s used again after its grace: session ended", reuse.sessionId());
                        return then(revocationPublished(reuse.sessionId(), reuse.userId(), now), new InvalidRefreshToken());
                    }
                    refreshed("refused");
                    return just(new InvalidRefreshToken());
                });
    }

    public Uni<AccountOutcome> logout(Caller caller) {
        if (caller == null || caller.sessionId() == null) {
            return just(new NoSession());
        }
        UUID sessionId = UUID.fromString(caller.sessionId());
        UUID userId = UUID.fromString(caller.userId());
        Instant now = Times.now();
        // Published even if the session was already ended: the revocation must reach every gateway either way. If the
        // broker refuses it now, the session is ended all the same and the relay sends the revocation until it is out.
        return then(sessions.revoke(sessionId, userId, now).chain(() -> revocationPublished(sessionId, userId, now)), new Done());
    }

    public Uni<AccountOutcome> me(Caller caller) {
        return users.findById(UUID.fromString(caller.userId())).map(user -> user
                .map(u -> ok(UserView.own(u)))
                .orElseGet(() -> new NotFound("your account no longer exists")));
    }

    public Uni<AccountOutcome> list(ListUsers params) {
        List<FieldError> errors = new ArrayList<>();
        String query = params.query() == null ? "" : params.query();
        int limit = DEFAULT_LIST_LIMIT;
        if (params.limit() != null) {
            Integer parsed = intOrNull(params.limit());
            if (parsed == null || parsed < 1 || parsed > MAX_LIST_LIMIT) {
                errors.add(new FieldError("limit", "must be a number from 1 to " + MAX_LIST_LIMIT));
            } else {
                limit = parsed;
            }
        }
        if (query.length() > AccountValidation.USERNAME_MAX) {
            errors.add(new FieldError("query", "at most " + AccountValidation.USERNAME_MAX + " characters"));
        }
        Boolean onlineFilter = null;
        if (params.online() != null) {
            String online = params.online();
            if (!online.equals("true") && !online.equals("false")) {
                errors.add(new FieldError("online", "must be true or false"));
            } else {
                onlineFilter = Boolean.valueOf(online);
            }
        }
        if (!errors.isEmpty()) {
            return just(new Invalid(errors));
        }
        String prefix = query;
        int max = limit;
        Boolean wanted = onlineFilter;
        Uni<List<User>> found = wanted == null ? users.search(prefix, max)
                : presence.onlineUsers().chain(online -> users.search(prefix, max, uuids(online), wanted));
        return found.chain(list -> presence.onlineAmong(list.stream().map(u -> u.id().toString()).toList())
                .map(online -> ok(list.stream().map(u -> {
                    boolean isOnline = online.contains(u.id().toString());
                    // Someone online is seen now; for the others, when they went offline.
                    return ListedUserView.of(u, isOnline, isOnline ? Times.now() : u.lastSeenAt());
                }).toList())));
    }

    private static List<UUID> uuids(List<String> ids) {
        List<UUID> parsed = new ArrayList<>(ids.size());
        for (String id : ids) {
            try {
                parsed.add(UUID.fromString(id));
            } catch (IllegalArgumentException e) {
                Log.warnf("not a user id in the online set: %s", id);
            }
        }
        return parsed;
    }

    private static Integer intOrNull(String text) {
        try {
            return Integer.valueOf(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private void refreshed(String outcome) {
        metrics.counter("chat.users.refreshes", "outcome", outcome).increment();
    }

    private Uni<AccountOutcome> openSession(User user) {
        Instant now = Times.now();
        UUID sessionId = UuidV7.next();
        String refreshToken = RefreshTokens.generate();
        return sessions.create(sessionId, user.id(), RefreshTokens.hash(refreshToken), now, now.plus(config.refreshTokenTtl()))
                .map(created -> ok(tokenPair(user, sessionId, refreshToken, now)));
    }

    private TokenPair tokenPair(User user, UUID sessionId, String refreshToken, Instant now) {
        return TokenPair.bearer(tokens.accessToken(user.id(), user.username(), sessionId, now), refreshToken,
                tokens.accessTokenSeconds(), UserView.own(user));
    }

    private Uni<Void> revocationPublished(UUID sessionId, UUID userId, Instant now) {
        return relay.revoke(sessionId, userId, now)
                .onFailure().invoke(e -> Log.warnf("session %s ended, its revocation left to the relay: %s", sessionId, e))
                .onFailure().recoverWithNull();
    }

    /**
     * bcrypt answers on a worker thread; what follows it (Hibernate Reactive above all) must go on where the call
     * came in, on its Vert.x context. Without a context (a plain unit test) the work is left as it is.
     */
    private static <T> Uni<T> onCallerContext(Uni<T> work) {
        return Uni.createFrom().deferred(() -> {
            Context context = Vertx.currentContext();
            return context == null ? work : work.emitOn(task -> context.runOnContext(ignored -> task.run()));
        });
    }

    private static AccountOutcome ok(Object body) {
        return new Ok(body);
    }

    private static Uni<AccountOutcome> just(AccountOutcome outcome) {
        return Uni.createFrom().item(outcome);
    }

    private static Uni<AccountOutcome> then(Uni<?> work, AccountOutcome outcome) {
        return work.replaceWith(outcome);
    }
}
