package dev.chat.user.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "chat.users")
public interface UserServiceConfig {

    /** The {@code iss} of every token; gateways accept no other. */
    String issuer();

    @WithDefault("PT15M")
    Duration accessTokenTtl();

    @WithDefault("P30D")
    Duration refreshTokenTtl();

    /** bcrypt's work factor: 10 is about 50-100 ms per hash on one core. */
    @WithDefault("10")
    int bcryptCost();

    LoginThrottle loginThrottle();

    Presence presence();

    interface Presence {
        /** A gateway instance silent this long is taken as gone, with all its connections (gateways beat every 10 s). */
        @WithDefault("PT30S")
        Duration gatewayTtl();

        /** How long after their last connection closes a user still counts as online: a reload does not flicker. */
        @WithDefault("PT5S")
        Duration offlineGrace();

        /** How often silent instances and ended graces are looked for. */
        @WithDefault("PT1S")
        Duration sweepInterval();
    }

    interface LoginThrottle {
        /** Failed logins of one username allowed per window before further tries get 429. */
        @WithDefault("10")
        int maxFailures();

        @WithDefault("PT15M")
        Duration window();
    }
}
