package dev.chat.user.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;

/**
 * user-service's settings. Each default is written once, in application.properties, next to the short
 * environment variable that overrides it ({@code chat.users.bcrypt-cost=${BCRYPT_COST:10}}): the names the README,
 * the launcher and the Kubernetes manifests use. So no {@code @WithDefault} here.
 */
@ConfigMapping(prefix = "chat.users")
public interface UserServiceConfig {

    /** The {@code iss} of every token; gateways accept no other. */
    String issuer();

    Duration accessTokenTtl();

    /**
     * How far the gateways' clocks may be from this one when they check a token's expiry (their
     * {@code mp.jwt.verify.clock.skew}); a revocation is kept this much longer than the session's last access token.
     */
    Duration tokenClockSkew();

    Duration refreshTokenTtl();

    /**
     * How long after a refresh token was swapped it is still taken once more, for another new pair, without ending the
     * session: the answer to a refresh can be lost (a timeout, a dropped connection) and the client then retries with the
     * token it has. Presented later, a swapped token is taken as stolen and ends the session.
     */
    Duration refreshReuseGrace();

    /** bcrypt's work factor: 10 is about 50-100 ms per hash on one core. */
    int bcryptCost();

    LoginThrottle loginThrottle();

    /** Events that follow a commit and may not have gone out ({@code EventRelay}). */
    Outbox outbox();

    interface Outbox {
        /** How often the relay looks for events not surely published ({@code OUTBOX_RELAY_INTERVAL}). */
        Duration relayInterval();

        /** How old such an event must be before the relay sends it ({@code OUTBOX_GRACE}). */
        Duration grace();
    }

    Presence presence();

    interface Presence {
        /** A gateway instance silent this long is taken as gone, with all its connections (gateways beat every 10 s). */
        Duration gatewayTtl();

        /** How long after their last connection closes a user still counts as online: a reload does not flicker. */
        Duration offlineGrace();

        /** How often silent instances and ended graces are looked for. */
        Duration sweepInterval();
    }

    interface LoginThrottle {
        /** Failed logins of one username allowed per window before further tries get 429. */
        int maxFailures();

        Duration window();
    }
}
