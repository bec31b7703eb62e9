package dev.chat.chat.config;

import jakarta.inject.Singleton;
import jakarta.enterprise.inject.Produces;

import dev.chat.support.PasswordHasher;

/** Beans made from service-support's plain classes, with this service's settings. */
public class ChatBeans {

    /** bcrypt for channel passwords, like account passwords. */
    @Produces
    @Singleton
    PasswordHasher passwordHasher(ChatConfig config) {
        return new PasswordHasher(config.bcryptCost());
    }
}
