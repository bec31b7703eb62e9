package dev.chat.gateway.security;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.chat.gateway.config.HttpConfig;
import dev.chat.gateway.config.HttpConfig.Limit;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * How often register, login and refresh may be called: per client address, and by everyone together, on this instance.
 * They come before user-service sees the call: a flood of logins (each a bcrypt hash there) or registrations is cut off
 * at the edge. user-service's per-username login throttle stays: it stops guessing spread over many addresses.
 */
@ApplicationScoped
public class AuthRateLimits {

    /** Distinct addresses remembered per limit (some 6 MB each at most); more share one bucket (see {@link TokenBuckets}). */
    static final int MAX_ADDRESSES = 50_000;

    /** The calls that are limited. */
    public enum Call {
        REGISTER, LOGIN, REFRESH
    }

    private final TokenBuckets[] perAddress = new TokenBuckets[Call.values().length];
    private final TokenBuckets[] global = new TokenBuckets[Call.values().length];
    private final MeterRegistry metrics;

    public AuthRateLimits(HttpConfig config, MeterRegistry metrics) {
        this.metrics = metrics;
        HttpConfig.AuthLimits limits = config.authLimits();
        set(Call.REGISTER, limits.registerPerIp(), limits.registerGlobal());
        set(Call.LOGIN, limits.loginPerIp(), limits.loginGlobal());
        set(Call.REFRESH, limits.refreshPerIp(), limits.refreshGlobal());
    }

    /**
     * Counts the call: empty if it may go on, else how long until it could. A call refused for its address does not
     * use up the global budget.
     */
    public Optional<Duration> check(Call call, String address) {
        Optional<Duration> wait = perAddress[call.ordinal()].take(ClientAddress.limitKey(address));
        String scope = "address";
        if (wait.isEmpty()) {
            wait = global[call.ordinal()].take("");
            scope = "global";
        }
        if (wait.isPresent()) {
            metrics.counter("chat.gateway.auth.limited", "call", call.name().toLowerCase(Locale.ROOT), "scope", scope).increment();
        }
        return wait;
    }

    private void set(Call call, Limit perIp, Limit all) {
        perAddress[call.ordinal()] = new TokenBuckets(perIp.count(), perIp.window(), MAX_ADDRESSES);
        global[call.ordinal()] = new TokenBuckets(all.count(), all.window(), 1);
    }
}
