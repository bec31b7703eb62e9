package dev.chat.user.config;

import dev.chat.user.domain.ListedUserView;
import dev.chat.user.domain.TokenPair;
import dev.chat.user.domain.UserView;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * user-service's own types that Jackson writes into replies by reflection (the contracts' are registered by the
 * contracts jar). A native image knows nothing of them otherwise. {@code NativeReflectionTest} keeps the list whole.
 */
@RegisterForReflection(targets = {UserView.class, ListedUserView.class, TokenPair.class})
public final class NativeReflection {

    private NativeReflection() {
    }
}
