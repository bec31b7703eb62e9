package dev.chat.chat.config;

import java.nio.file.Path;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import dev.chat.chat.repository.AttachmentStore;
import dev.chat.chat.repository.FileAttachmentStore;
import dev.chat.support.PasswordHasher;
import io.vertx.mutiny.core.Vertx;

/** Beans made from service-support's plain classes, with this service's settings. */
public class ChatBeans {

    /** Where attachments' bytes live: a directory here; object storage in a cluster (see deploy/k8s). */
    @Produces
    @Singleton
    AttachmentStore attachmentStore(Vertx vertx, ChatConfig config) {
        return new FileAttachmentStore(vertx, Path.of(config.attachments().directory()));
    }

    /** bcrypt for channel passwords, like account passwords. */
    @Produces
    @Singleton
    PasswordHasher passwordHasher(ChatConfig config) {
        return new PasswordHasher(config.bcryptCost());
    }
}
