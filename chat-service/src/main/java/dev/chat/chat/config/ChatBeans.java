package dev.chat.chat.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import dev.chat.chat.repository.AttachmentStore;
import dev.chat.chat.repository.FileAttachmentStore;
import dev.chat.chat.repository.S3AttachmentStore;
import dev.chat.support.PasswordHasher;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import io.vertx.mutiny.core.Vertx;

/** Beans made from service-support's plain classes, with this service's settings. */
public class ChatBeans {

    /**
     * Where attachments' bytes live: a directory here; an S3 bucket in a cluster (deploy/k8s). With {@code s3} and a
     * setting missing the service does not start: uploads would otherwise fail one by one, long after a deploy.
     */
    @Produces
    @Singleton
    AttachmentStore attachmentStore(Vertx vertx, ChatConfig config) {
        ChatConfig.Attachments attachments = config.attachments();
        if (attachments.store() != ChatConfig.Attachments.Store.S3) {
            return new FileAttachmentStore(vertx, Path.of(attachments.directory()));
        }
        ChatConfig.Attachments.S3 s3 = attachments.s3();
        Map<String, Optional<String>> required = new LinkedHashMap<>();
        required.put("ATTACHMENT_S3_ENDPOINT", s3.endpoint());
        required.put("ATTACHMENT_S3_BUCKET", s3.bucket());
        required.put("ATTACHMENT_S3_ACCESS_KEY", s3.accessKey());
        required.put("ATTACHMENT_S3_SECRET_KEY", s3.secretKey());
        List<String> missing = required.entrySet().stream().filter(setting -> setting.getValue().isEmpty()).map(Map.Entry::getKey)
                .toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("ATTACHMENT_STORE=s3 needs " + String.join(", ", missing) + " (deploy/README.md)");
        }
        S3AttachmentStore.Settings settings = new S3AttachmentStore.Settings(URI.create(s3.endpoint().get()), s3.region(),
                s3.bucket().get(), s3.prefix(), s3.pathStyle(), s3.accessKey().get(), s3.secretKey().get(), s3.connectTimeout(),
                s3.idleTimeout());
        Log.infof("attachments in S3: %s", settings);
        return new S3AttachmentStore(vertx, settings, Clock.systemUTC());
    }

    /** bcrypt for channel passwords, like account passwords. */
    @Produces
    @Singleton
    @Startup
    PasswordHasher passwordHasher(ChatConfig config) {
        return new PasswordHasher(config.bcryptCost());
    }
}
