package dev.chat.chat.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "chat.rooms")
public interface ChatConfig {

    /** Longest message text, in characters (code points). */
    @WithDefault("4000")
    int maxTextLength();

    @WithDefault("50")
    int defaultHistoryLimit();

    @WithDefault("200")
    int maxHistoryLimit();

    /** bcrypt work factor for channel passwords. */
    @WithDefault("10")
    int bcryptCost();

    /**
     * Presence is pushed to the members of rooms up to this size. In bigger ones (general on a large install)
     * every login would fan out to everyone; their members ask {@code GET /api/users?online=true} instead.
     */
    @WithDefault("500")
    int presenceFanoutMaxMembers();
}
