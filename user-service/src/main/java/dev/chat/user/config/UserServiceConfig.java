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

    interface LoginThrottle {
        /** Failed logins of one username allowed per window before further tries get 429. */
        @WithDefault("10")
        int maxFailures();

        @WithDefault("PT15M")
        Duration window();
    }
}
