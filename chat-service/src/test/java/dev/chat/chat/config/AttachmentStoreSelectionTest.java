package dev.chat.chat.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.chat.chat.repository.FileAttachmentStore;
import dev.chat.chat.repository.S3AttachmentStore;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.vertx.mutiny.core.Vertx;

/**
 * Which attachment store the service makes, from its real application.properties and the environment variables a
 * deployment sets (given here as a config source above the file, as the environment is): the file store unless
 * {@code ATTACHMENT_STORE=s3}, and with {@code s3} no start while a setting is missing.
 */
class AttachmentStoreSelectionTest {

    private static Vertx vertx;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() {
        vertx.closeAndAwait();
    }

    private static ChatConfig config(Map<String, String> environment) throws IOException {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .addDefaultInterceptors()
                .withSources(new PropertiesConfigSource(AttachmentStoreSelectionTest.class.getResource("/application.properties"), 250))
                .withSources(new PropertiesConfigSource(environment, "environment", 300))
                .withMapping(ChatConfig.class)
                .build();
        return config.getConfigMapping(ChatConfig.class);
    }

    @Test
    void theFileStoreUnlessToldOtherwise() throws IOException {
        ChatConfig config = config(Map.of());
        assertEquals(ChatConfig.Attachments.Store.FILE, config.attachments().store());
        assertEquals(Optional.empty(), config.attachments().s3().endpoint(), "an empty default is no endpoint");
        assertInstanceOf(FileAttachmentStore.class, new ChatBeans().attachmentStore(vertx, config));
    }

    @Test
    void s3WithEverythingItNeeds() throws IOException {
        ChatConfig config = config(Map.of("ATTACHMENT_STORE", "s3", "ATTACHMENT_S3_ENDPOINT", "http://minio:9000",
                "ATTACHMENT_S3_BUCKET", "chat-attachments", "ATTACHMENT_S3_ACCESS_KEY", "chat", "ATTACHMENT_S3_SECRET_KEY", "secret"));
        ChatConfig.Attachments.S3 s3 = config.attachments().s3();
        assertEquals("us-east-1", s3.region());
        assertEquals("attachments/", s3.prefix());
        assertTrue(s3.pathStyle());
        assertInstanceOf(S3AttachmentStore.class, new ChatBeans().attachmentStore(vertx, config));
    }

    @Test
    void s3WithSettingsMissingDoesNotStartAndSaysWhich() throws IOException {
        ChatConfig config = config(Map.of("ATTACHMENT_STORE", "s3", "ATTACHMENT_S3_BUCKET", "chat-attachments",
                "ATTACHMENT_S3_SECRET_KEY", "do-not-print-me"));
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> new ChatBeans().attachmentStore(vertx, config));
        assertTrue(refused.getMessage().startsWith("ATTACHMENT_STORE=s3 needs ATTACHMENT_S3_ENDPOINT, ATTACHMENT_S3_ACCESS_KEY "),
                refused.getMessage());
        assertFalse(refused.getMessage().contains("do-not-print-me"));
    }

    @Test
    void anEndpointWithAPathOrWithoutASchemeIsRefused() throws IOException {
        for (String endpoint : new String[] {"minio:9000", "https://s3.amazonaws.com/chat-attachments", "ftp://minio"}) {
            ChatConfig config = config(Map.of("ATTACHMENT_STORE", "s3", "ATTACHMENT_S3_ENDPOINT", endpoint,
                    "ATTACHMENT_S3_BUCKET", "b", "ATTACHMENT_S3_ACCESS_KEY", "a", "ATTACHMENT_S3_SECRET_KEY", "s"));
            assertThrows(IllegalArgumentException.class, () -> new ChatBeans().attachmentStore(vertx, config), endpoint);
        }
    }
}
