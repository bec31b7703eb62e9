package dev.chat.chat.config;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.chat.chat.repository.UserDirectory;
import io.quarkus.runtime.StartupEvent;

/** General has no owner to choose its settings: the operator's configuration says whether it shows system lines. */
@ApplicationScoped
public class GeneralRoomSetup {

    private final UserDirectory users;
    private final ChatConfig config;

    public GeneralRoomSetup(UserDirectory users, ChatConfig config) {
        this.users = users;
        this.config = config;
    }

    // On the main thread at start, after the migrations: waiting here delays readiness, never an event loop.
    void apply(@Observes StartupEvent started) {
        users.showSystemLinesInGeneral(config.generalSystemLines()).await().atMost(Duration.ofSeconds(30));
    }
}
