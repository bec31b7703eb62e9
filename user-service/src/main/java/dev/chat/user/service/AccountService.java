package dev.chat.user.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.chat.contracts.ErrorCodes;
import dev.chat.contracts.Problem;
import dev.chat.contracts.Problem.FieldError;
import dev.chat.contracts.ServiceReply;
import dev.chat.contracts.ServiceRequest.Caller;
import dev.chat.contracts.SessionRevoked;
import dev.chat.contracts.UserEvent;
import dev.chat.contracts.UuidV7;
import dev.chat.user.config.UserServiceConfig;
import dev.chat.user.domain.AccountValidation;
import dev.chat.user.domain.User;
import dev.chat.user.domain.UserView;
import dev.chat.user.messaging.UserEventPublisher;
import dev.chat.user.repository.SessionRepository;
import dev.chat.user.repository.SessionRepository.Rotation;
import dev.chat.user.repository.UserRepository;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/** Registration, login, token refresh and logout, and the user directory. */
@ApplicationScoped
public class AccountService {

    static final int DEFAULT_LIST_LIMIT = 50;
    static final int MAX_LIST_LIMIT = 200;
    /** Problems hold only strings and numbers: a plain mapper serves them. */
    private static final ObjectMapper PROBLEM_MAPPER = new ObjectMapper();

    private final UserRepository users;
    private final SessionRepository sessions;
    private final PasswordHasher passwords;
    private final TokenService tokens;
    private final LoginThrottle throttle;
    private final UserEventPublisher events;
    private final PresenceService presence;
    private final UserServiceConfig config;
    private final ObjectMapper mapper;
    private final MeterRegistry metrics;

    public AccountService(UserRepository users, SessionRepository sessions, PasswordHasher passwords, TokenService tokens,
            LoginThrottle throttle, UserEventPublisher events, PresenceService presence, UserServiceConfig config,
            ObjectMapper mapper, MeterRegistry metrics) {
        this.users = users;
        this.sessions = sessions;
        this.passwords = passwords;
        this.tokens = tokens;
        this.throttle = throttle;
        this.events = events;
        this.presence = presence;
        this.config = config;
        this.mapper = mapper;
        this.metrics = metrics;
    }

    public Uni<ServiceReply> register(JsonNode body) {
        var input = AccountValidation.registration(body);
        if (!input.isValid()) {
            return Uni.createFrom().item(problem(Problem.validation(input.errors())));
        }
        var registration = input.value();
        return passwords.hash(registration.password())
                .map(hash -> new User(UuidV7.next(), registration.username(), registration.email(), hash, now()))
                .chain(users::insert)
                .chain(stored -> {
                    if (stored.isEmpty()) {
                        return Uni.createFrom().item(problem(Problem.of(409, ErrorCodes.USERNAME_TAKEN,
                                "the username '" + registration.username() + "' is taken")));
                    }
                    User user = stored.get();
                    metrics.counter("chat.users.registered").increment();
                    Log.infof("registered user %s (%s)", user.id(), user.username());
                    return events.published(UserEvent.registered(user.id().toString(), user.username(), user.createdAt()))
                            .onFailure().invoke(e -> Log.errorf(e, "user %s registered but its event was not published", user.id()))
                            .onFailure().recoverWithNull()
                            .replaceWith(reply(201, UserView.own(user)));
                });
    }

    public Uni<ServiceReply> login(JsonNode body) {
        var input = AccountValidation.credentials(body);
        if (!input.isValid()) {
            return Uni.createFrom().item(problem(Problem.validation(input.errors())));
        }
        String username = input.value().username();
        return throttle.isBlocked(username).chain(blocked -> {
            if (blocked) {
                metrics.counter("chat.users.logins", "outcome", "throttled").increment();
                return Uni.createFrom().item(problem(Problem.of(429, ErrorCodes.RATE_LIMITED,
                        "too many failed logins for this username; try again later")));
            }
            return users.findByUsername(username).chain(found -> passwords
                    .matches(input.value().password(), found.map(User::passwordHash).orElse(null))
                    .chain(matches -> {
                        if (!matches) {
                            metrics.counter("chat.users.logins", "outcome", "refused").increment();
                            return throttle.recordFailure(username).replaceWith(problem(Problem.of(401,
                                    ErrorCodes.INVALID_CREDENTIALS, "wrong username or password")));
                        }
                        metrics.counter("chat.users.logins", "outcome", "accepted").increment();
                        User user = found.get();
                        return throttle.reset(username).chain(() -> openSession(user));
                    }));
        });
    }

    public Uni<ServiceReply> refresh(JsonNode body) {
        List<FieldError> errors = new ArrayList<>();
        String presented = body == null || !body.isObject()
                ? null
                : AccountValidation.text(body, "refreshToken", errors);
        if (presented == null) {
            return Uni.createFrom().item(problem(Problem.validation(errors.isEmpty()
                    ? List.of(new FieldError("body", "must be a JSON object"))
                    : errors)));
        }
        Instant now = now();
        String next = RefreshTokens.generate();
        return sessions.rotate(RefreshTokens.hash(presented), RefreshTokens.hash(next), now, now.plus(config.refreshTokenTtl()))
                .chain(rotation -> {
                    if (rotation instanceof Rotation.Rotated rotated) {
                        return users.findById(rotated.userId()).map(user -> user
                                .map(u -> reply(200, tokenPair(u, rotated.sessionId(), next, now)))
                                .orElseGet(AccountService::refusedRefresh));
                    }
                    if (rotation instanceof Rotation.ReuseDetected reuse) {
                        Log.warnf("refresh token of session %s used twice: session ended", reuse.sessionId());
                        return revocationPublished(reuse.sessionId(), reuse.userId(), now).replaceWith(refusedRefresh());
                    }
                    return Uni.createFrom().item(refusedRefresh());
                });
    }

    public Uni<ServiceReply> logout(Caller caller) {
        if (caller == null || caller.sessionId() == null) {
            return Uni.createFrom().item(problem(Problem.of(401, ErrorCodes.UNAUTHORIZED, "no session to end")));
        }
        UUID sessionId = UUID.fromString(caller.sessionId());
        UUID userId = UUID.fromString(caller.userId());
        Instant now = now();
        // Published even if the session was already ended: the revocation must reach every gateway either way.
        return sessions.revoke(sessionId, userId, now)
                .chain(() -> revocationPublished(sessionId, userId, now))
                .replaceWith(new ServiceReply(204, null));
    }

    public Uni<ServiceReply> me(Caller caller) {
        return users.findById(UUID.fromString(caller.userId())).map(user -> user
                .map(u -> reply(200, UserView.own(u)))
                .orElseGet(() -> problem(Problem.of(404, ErrorCodes.NOT_FOUND, "your account no longer exists"))));
    }

    public Uni<ServiceReply> list(JsonNode params) {
        List<FieldError> errors = new ArrayList<>();
        String query = params != null && params.hasNonNull("query") ? params.get("query").asText("") : "";
        int limit = DEFAULT_LIST_LIMIT;
        if (params != null && params.hasNonNull("limit")) {
            Integer parsed = intOrNull(params.get("limit").asText());
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
        if (params != null && params.hasNonNull("online")) {
            String online = params.get("online").asText();
            if (!online.equals("true") && !online.equals("false")) {
                errors.add(new FieldError("online", "must be true or false"));
            } else {
                onlineFilter = Boolean.valueOf(online);
            }
        }
        if (!errors.isEmpty()) {
            return Uni.createFrom().item(problem(Problem.validation(errors)));
        }
        String prefix = query;
        int max = limit;
        Boolean wanted = onlineFilter;
        Uni<List<User>> found = wanted == null ? users.search(prefix, max)
                : presence.onlineUsers().chain(online -> users.search(prefix, max, uuids(online), wanted));
        return found.chain(list -> presence.onlineAmong(list.stream().map(u -> u.id().toString()).toList())
                .map(online -> reply(200, list.stream().map(u -> {
                    boolean isOnline = online.contains(u.id().toString());
                    // Someone online is seen now; for the others, when they went offline.
                    return UserView.listed(u, isOnline, isOnline ? now() : u.lastSeenAt());
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

    private Uni<ServiceReply> openSession(User user) {
        Instant now = now();
        UUID sessionId = UuidV7.next();
        String refreshToken = RefreshTokens.generate();
        return sessions.create(sessionId, user.id(), RefreshTokens.hash(refreshToken), now, now.plus(config.refreshTokenTtl()))
                .replaceWith(() -> reply(200, tokenPair(user, sessionId, refreshToken, now)));
    }

    private Map<String, Object> tokenPair(User user, UUID sessionId, String refreshToken, Instant now) {
        return Map.of(
                "accessToken", tokens.accessToken(user.id(), user.username(), sessionId, now),
                "refreshToken", refreshToken,
                "tokenType", "Bearer",
                "expiresIn", tokens.accessTokenSeconds(),
                "user", UserView.own(user));
    }

    private Uni<Void> revocationPublished(UUID sessionId, UUID userId, Instant now) {
        // Access tokens of the session live at most one TTL from now; after that the gateways may forget it.
        return events.published(new SessionRevoked(sessionId.toString(), userId.toString(), now.plus(config.accessTokenTtl())));
    }

    private static ServiceReply refusedRefresh() {
        return problem(Problem.of(401, ErrorCodes.INVALID_REFRESH_TOKEN, "the refresh token is not valid"));
    }

    private ServiceReply reply(int status, Object body) {
        return new ServiceReply(status, mapper.valueToTree(body));
    }

    private static ServiceReply problem(Problem problem) {
        return new ServiceReply(problem.status(), PROBLEM_MAPPER.valueToTree(problem));
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
