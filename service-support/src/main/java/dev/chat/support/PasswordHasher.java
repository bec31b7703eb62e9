package dev.chat.support;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * bcrypt, off the event loop: a hash costs tens of milliseconds of CPU on purpose, which must never stall the
 * threads that serve everyone else. Account passwords (user-service) and room passwords (chat-service) alike.
 */
public final class PasswordHasher {

    private final int cost;
    /** Compared against when there is no stored hash, so a miss takes as long as a wrong password. */
    private final String decoyHash;

    /**
     * Made at startup (the services' producers are {@code @Startup}): the decoy is hashed and checked once here, so the
     * first login after a start does not pay for both cold on its own thread. It took over 5 s on a loaded machine,
     * past the gateway's wait, and the login was answered 503.
     */
    public PasswordHasher(int cost) {
        this.cost = cost;
        this.decoyHash = BcryptUtil.bcryptHash("decoy password for unknown users", cost);
        BcryptUtil.matches("warm-up", decoyHash);
    }

    public Uni<String> hash(String password) {
        return Uni.createFrom().item(() -> BcryptUtil.bcryptHash(password, cost))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    /** @param hash the stored hash, or null when there is none (always false, in the same time) */
    public Uni<Boolean> matches(String password, String hash) {
        return Uni.createFrom().item(() -> BcryptUtil.matches(password, hash == null ? decoyHash : hash) && hash != null)
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }
}
