package dev.chat.deploy.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.chat.contracts.TopicVerifier;
import dev.chat.contracts.Topics;

class LocalInfrastructureIT {

    static LocalInfrastructure infrastructure;
    static Path dataDir;

    @BeforeAll
    static void start() throws Exception {
        dataDir = Files.createTempDirectory("infra-it-");
        infrastructure = LocalInfrastructure.start(dataDir, false);
    }

    @AfterAll
    static void stop() {
        infrastructure.close();
        assertFalse(Files.exists(dataDir), "test data is thrown away");
    }

    @Test
    void theTopicCheckPassesOnTheLocalBrokerAndNamesWhatIsWrongElsewhere() {
        Map<String, Object> client = Map.of("bootstrap.servers", infrastructure.kafkaBootstrapServers());
        TopicVerifier.verify(client, Topics.ALL, Duration.ofSeconds(30));
        List<Topics.TopicSpec> wrong = List.of(new Topics.TopicSpec("no.such.topic", 1, false),
                new Topics.TopicSpec(Topics.CHAT_EVENTS, 64, false), new Topics.TopicSpec(Topics.USER_EVENTS, 8, true));
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> TopicVerifier.verify(client, wrong, Duration.ofSeconds(30)));
        assertTrue(refused.getMessage().contains("no.such.topic is missing"), refused.getMessage());
        assertTrue(refused.getMessage().contains("chat.events has 16 partitions; it needs at least 64"), refused.getMessage());
        assertTrue(refused.getMessage().contains("user.events is not compacted"), refused.getMessage());
    }

    @Test
    void kafkaHasEveryTopicWithItsShape() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", infrastructure.kafkaBootstrapServers()))) {
            Set<String> names = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            for (Topics.TopicSpec spec : Topics.ALL) {
                assertTrue(names.contains(spec.name()), spec.name());
                TopicDescription description = admin.describeTopics(Set.of(spec.name())).allTopicNames()
                        .get(30, TimeUnit.SECONDS).get(spec.name());
                assertEquals(spec.partitions(), description.partitions().size(), spec.name());
            }
            ConfigResource revocations = new ConfigResource(ConfigResource.Type.TOPIC, Topics.AUTH_REVOCATIONS);
            String policy = admin.describeConfigs(Set.of(revocations)).all().get(30, TimeUnit.SECONDS)
                    .get(revocations).get("cleanup.policy").value();
            assertEquals("compact", policy);
        }
    }

    @Test
    void eachServiceReachesOnlyItsOwnDatabase() throws Exception {
        DatabaseAccess users = infrastructure.database("users");
        DatabaseAccess chat = infrastructure.database("chat");
        try (Connection connection = DriverManager.getConnection(users.jdbcUrl(), users.username(), users.password())) {
            assertTrue(connection.isValid(5));
        }
        assertThrows(SQLException.class,
                () -> DriverManager.getConnection(chat.jdbcUrl(), users.username(), users.password()).close());
        assertEquals(users, infrastructure.database("users"), "credentials stay the same for the run");
    }

    @Test
    void redisAnswersPing() throws Exception {
        URI uri = URI.create(infrastructure.redisUrl());
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            var reader = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            assertEquals("+PONG", reader.readLine());
        }
    }

    @Test
    void jwtKeysArePemFiles() throws Exception {
        assertTrue(Files.readString(infrastructure.jwtKeys().privateKey()).startsWith("-----BEGIN PRIVATE KEY-----"));
        assertTrue(Files.readString(infrastructure.jwtKeys().publicKey()).startsWith("-----BEGIN PUBLIC KEY-----"));
    }
}
