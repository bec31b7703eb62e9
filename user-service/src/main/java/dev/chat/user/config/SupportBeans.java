package dev.chat.user.config;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.chat.support.Envelopes;
import dev.chat.support.PasswordHasher;
import io.quarkus.runtime.Startup;

/**
 * The shared service-support classes as beans of this service. {@code @Singleton}, not {@code @ApplicationScoped}:
 * they are final classes, which a client proxy could not subclass, and they are ready as soon as they are made.
 */
public class SupportBeans {

    @Produces
    @Singleton
    @Startup
    PasswordHasher passwordHasher(UserServiceConfig config) {
        return new PasswordHasher(config.bcryptCost());
    }

    @Produces
    @Singleton
    Envelopes envelopes(ObjectMapper mapper) {
        return new Envelopes(mapper);
    }
}
