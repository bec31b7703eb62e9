package dev.chat.chat.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * chat-service's settings. A setting with an environment variable has its default once, in application.properties
 * ({@code ${BCRYPT_COST:10}}); the others here.
 */
@ConfigMapping(prefix = "chat.rooms")
public interface ChatConfig {

    @WithDefault("50")
    int defaultHistoryLimit();

    @WithDefault("200")
    int maxHistoryLimit();

    /** bcrypt work factor for channel passwords ({@code BCRYPT_COST}). */
    int bcryptCost();

    /**
     * Presence is pushed to the members of rooms up to this size. In bigger ones (general on a large install)
     * every login would fan out to everyone; their members ask {@code GET /api/users?online=true} instead.
     */
    int presenceFanoutMaxMembers();
}
