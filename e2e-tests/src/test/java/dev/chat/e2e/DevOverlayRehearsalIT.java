package dev.chat.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.chat.deploy.k8s.Kustomization;
import dev.chat.deploy.local.DatabaseAccess;
import dev.chat.deploy.local.LocalInfrastructure;
import dev.chat.deploy.local.ServiceProcess;

/**
 * A rehearsal of the dev overlay's wiring: each service runs as a process with exactly the environment its Deployment
 * in {@code deploy/k8s/overlays/dev} gives it (names and values rendered from the manifests, Secrets included), with
 * only the stores' addresses and database credentials rewritten to a local infrastructure of its own, and the files
 * its Secret volumes mount written where the manifest mounts them (under a local root). Then a smoke test runs through
 * its gateway. A setting renamed in a service but not in the manifests, a Secret key that is not what a service
 * parses, or a mount path that does not match its setting fails here rather than in a cluster.
 */
class DevOverlayRehearsalIT {

    private static final List<String> SERVICES = List.of("user-service", "chat-service", "sketch-service", "gateway-service");

    static LocalInfrastructure infrastructure;
    static final Map<String, ServiceProcess> RUNNING = new LinkedHashMap<>();
    /** Each service's environment variables the rehearsal rewrote, to check that each rewrite found its variable. */
    static final Map<String, Set<String>> REWRITTEN = new HashMap<>();

    @BeforeAll
    static void start() throws Exception {
        Path root = Path.of(System.getProperty("chat.project.root", "..")).toAbsolutePath().normalize();
        List<ObjectNode> objects = Kustomization.render(root.resolve("deploy/k8s/overlays/dev"));
        infrastructure = LocalInfrastructure.startForTests();
        Path mounts = infrastructure.dataDir().resolve("mounts");
        for (String service : SERVICES) {
            Map<String, String> environment = environment(objects, service, mounts);
            Path jar = root.resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
            Path log = infrastructure.logDir().resolve("rehearsal-" + service + ".log");
            RUNNING.put(service, ServiceProcess.startWithEnvironment(service, jar, environment, log,
                    "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
        }
        for (ServiceProcess process : RUNNING.values()) {
            process.awaitReady(Duration.ofMinutes(2));
        }
    }

    @AfterAll
    static void stop() {
        RUNNING.values().forEach(ServiceProcess::requestStop);
        RUNNING.values().forEach(ServiceProcess::close);
        if (infrastructure != null) {
            infrastructure.close();
        }
    }

    @Test
    void everyStoreAddressWasFoundUnderTheNameTheServicesRead() {
        Set<String> database = Set.of("QUARKUS_DATASOURCE_REACTIVE_URL", "QUARKUS_DATASOURCE_JDBC_URL",
                "QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD");
        assertTrue(REWRITTEN.get("gateway-service").containsAll(Set.of("KAFKA_BOOTSTRAP_SERVERS", "JWT_PUBLIC_KEY_LOCATION")));
        assertTrue(REWRITTEN.get("user-service").containsAll(Set.of("QUARKUS_REDIS_HOSTS", "JWT_PRIVATE_KEY_LOCATION")));
        for (String service : List.of("user-service", "chat-service", "sketch-service")) {
            assertTrue(REWRITTEN.get(service).containsAll(database), service + " rewrote only " + REWRITTEN.get(service));
        }
    }

    @Test
    void aMessageGoesThroughTheSystemWiredAsTheDevOverlayWiresIt() throws Exception {
        Api api = new Api(RUNNING.get("gateway-service").url());
        Api.Session owner = api.newUser("rhown");
        Api.Session member = api.newUser("rhmem");
        String roomId = api.createRoom(owner, "rehearsal ");
        api.join(member, roomId);
        try (WsClient socket = WsClient.connect(RUNNING.get("gateway-service").url(), member.accessToken())) {
            String text = "wired as in the dev overlay " + UUID.randomUUID();
            api.postMessage(owner, roomId, UUID.randomUUID().toString(), text);
            JsonNode message = socket.await(f -> "message".equals(f.path("type").asText()) && text.equals(f.path("text").asText()),
                    Duration.ofSeconds(30));
            assertEquals(owner.username(), message.path("sender").path("username").asText());
            List<String> history = api.as(member.accessToken()).get("/api/rooms/" + roomId + "/messages").then().statusCode(200)
                    .extract().jsonPath().getList("messages.text", String.class);
            assertTrue(history.contains(text), "history lacks the message: " + history);
        }
    }

    /** The container's environment as the manifest gives it, with the rewrites a local run needs. */
    static Map<String, String> environment(List<ObjectNode> objects, String service, Path mounts) throws Exception {
        JsonNode pod = find(objects, "Deployment", service).orElseThrow().path("spec").path("template").path("spec");
        JsonNode container = null;
        for (JsonNode candidate : pod.path("containers")) {
            if (service.equals(candidate.path("name").asText())) {
                container = candidate;
            }
        }
        Map<String, String> mountedAt = writeSecretMounts(objects, pod, container, mounts);
        Map<String, String> environment = new LinkedHashMap<>();
        for (JsonNode env : container.path("env")) {
            environment.put(env.path("name").asText(), valueOf(objects, env));
        }
        Set<String> rewritten = new TreeSet<>();
        String database = null;
        for (Map.Entry<String, String> variable : environment.entrySet()) {
            String name = variable.getKey();
            String value = variable.getValue();
            String local = switch (name) {
                case "KAFKA_BOOTSTRAP_SERVERS" -> infrastructure.kafkaBootstrapServers();
                case "QUARKUS_REDIS_HOSTS" -> infrastructure.redisUrl();
                case "QUARKUS_HTTP_HOST" -> "127.0.0.1";
                // No collector here: a closed local port, so exports fail fast instead of waiting on DNS.
                case "OTEL_EXPORTER_OTLP_ENDPOINT" -> "http://127.0.0.1:9";
                case "QUARKUS_DATASOURCE_REACTIVE_URL", "QUARKUS_DATASOURCE_JDBC_URL" -> {
                    database = URI.create(value.replace("jdbc:", "")).getPath().substring(1);
                    DatabaseAccess access = infrastructure.database(database);
                    yield name.endsWith("JDBC_URL") ? access.jdbcUrl() : access.reactiveUrl();
                }
                default -> mountedAt.entrySet().stream().filter(mount -> value.startsWith(mount.getKey())).findFirst()
                        .map(mount -> mount.getValue() + value.substring(mount.getKey().length())).orElse(null);
            };
            if (local != null) {
                variable.setValue(local);
                rewritten.add(name);
            }
        }
        if (database != null) {
            // Roles of the local PostgreSQL have passwords of their own.
            environment.replace("QUARKUS_DATASOURCE_USERNAME", infrastructure.database(database).username());
            environment.replace("QUARKUS_DATASOURCE_PASSWORD", infrastructure.database(database).password());
            rewritten.addAll(Set.of("QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD"));
        }
        REWRITTEN.put(service, rewritten);
        return environment;
    }

    /** Writes each Secret volume's items under {@code mounts}; mount path -> where it is locally. */
    private static Map<String, String> writeSecretMounts(List<ObjectNode> objects, JsonNode pod, JsonNode container, Path mounts)
            throws Exception {
        Map<String, String> mountedAt = new HashMap<>();
        for (JsonNode mount : container.path("volumeMounts")) {
            for (JsonNode volume : pod.path("volumes")) {
                if (!volume.path("name").equals(mount.path("name")) || !volume.has("secret")) {
                    continue;
                }
                JsonNode secret = find(objects, "Secret", volume.path("secret").path("secretName").asText()).orElseThrow();
                Path local = mounts.resolve(container.path("name").asText() + mount.path("mountPath").asText());
                Files.createDirectories(local);
                for (JsonNode item : volume.path("secret").path("items")) {
                    Files.writeString(local.resolve(item.path("path").asText()), secretValue(secret, item.path("key").asText()));
                }
                mountedAt.put(mount.path("mountPath").asText(), local.toString());
            }
        }
        return mountedAt;
    }

    private static String valueOf(List<ObjectNode> objects, JsonNode env) {
        if (env.has("value")) {
            return env.path("value").asText();
        }
        JsonNode from = env.path("valueFrom");
        if (from.has("configMapKeyRef")) {
            JsonNode ref = from.path("configMapKeyRef");
            return find(objects, "ConfigMap", ref.path("name").asText()).orElseThrow().path("data").path(ref.path("key").asText())
                    .asText();
        }
        JsonNode ref = from.path("secretKeyRef");
        return secretValue(find(objects, "Secret", ref.path("name").asText()).orElseThrow(), ref.path("key").asText());
    }

    private static String secretValue(JsonNode secret, String key) {
        if (secret.path("stringData").has(key)) {
            return secret.path("stringData").path(key).asText();
        }
        return new String(Base64.getDecoder().decode(secret.path("data").path(key).asText()), StandardCharsets.UTF_8);
    }

    private static Optional<ObjectNode> find(List<ObjectNode> objects, String kind, String name) {
        return objects.stream().filter(object -> kind.equals(object.path("kind").asText())
                && name.equals(object.path("metadata").path("name").asText())).findFirst();
    }
}
