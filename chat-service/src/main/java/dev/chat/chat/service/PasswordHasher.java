package dev.chat.chat.service;

import jakarta.enterprise.context.ApplicationScoped;

import dev.chat.chat.config.ChatConfig;
import io.quarkus.elytron.security.common.BcryptUtil;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/** bcrypt for channel passwords, on worker threads: it is slow on purpose and must not hold an event loop. */
@ApplicationScoped
public class PasswordHasher {

    private final int cost;

    public PasswordHasher(ChatConfig config) {
        this.cost = config.bcryptCost();
    }

    public Uni<String> hash(String password) {
        return Uni.createFrom().item(() -> BcryptUtil.bcryptHash(password, cost)).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    public Uni<Boolean> matches(String password, String hash) {
        return Uni.createFrom().item(() -> BcryptUtil.matches(password, hash)).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }
}
