package dev.chat.user.service;

import jakarta.enterprise.context.ApplicationScoped;

import dev.chat.user.config.UserServiceConfig;
import dev.chat.user.domain.User;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.keys.ReactiveKeyCommands;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.smallrye.mutiny.Uni;

/**
 * Counts failed logins per username in Redis (shared by every user-service replica) and refuses further
 * tries once the window's budget is spent: password guessing gets slow without locking anyone out for long.
 */
@ApplicationScoped
public class LoginThrottle {

    private static final String PREFIX = "login-failures:";

    private final ReactiveValueCommands<String, Long> counters;
    private final ReactiveKeyCommands<String> keys;
    private final UserServiceConfig.LoginThrottle config;

    public LoginThrottle(ReactiveRedisDataSource redis, UserServiceConfig config) {
        this.counters = redis.value(Long.class);
        this.keys = redis.key();
        this.config = config.loginThrottle();
    }

    public Uni<Boolean> isBlocked(String username) {
        return counters.get(key(username)).map(count -> count != null && count >= config.maxFailures());
    }

    public Uni<Void> recordFailure(String username) {
        String key = key(username);
        return counters.incr(key)
                .chain(count -> count == 1 ? keys.expire(key, config.window()).replaceWithVoid() : Uni.createFrom().voidItem());
    }

    public Uni<Void> reset(String username) {
        return keys.del(key(username)).replaceWithVoid();
    }

    private static String key(String username) {
        return PREFIX + User.keyOf(username);
    }
}
