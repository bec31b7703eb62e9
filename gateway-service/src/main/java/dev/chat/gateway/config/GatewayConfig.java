package dev.chat.gateway.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "chat.gateway")
public interface GatewayConfig {

    /** How long a call waits for a service's reply before the client gets 503. */
    @WithDefault("PT5S")
    Duration requestTimeout();
}
