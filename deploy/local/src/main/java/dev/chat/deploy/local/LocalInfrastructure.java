package dev.chat.deploy.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Real Kafka, PostgreSQL and Redis on loopback ports, started without Docker. The local run keeps their
 * data in its data folder; tests give a throw-away folder. Which store belongs to which service is decided
 * here, as a compose file or Helm chart would: see {@link #configFor(String)}.
 */
public final class LocalInfrastructure implements AutoCloseable {

    /** The property every service reads its command signing secrets from (gateways sign, services verify). */
    public static final String COMMAND_SIGNING_SECRETS = "chat.command-signing.secrets";
    private static final Logger LOG = Logger.getLogger(LocalInfrastructure.class.getName());

    private final Path dataDir;
    private final boolean keepData;
    /** Replaced by the fault tests' restarts; the same ports and data before and after. */
    private volatile LocalPostgres postgres;
    private volatile LocalRedis redis;
    private volatile KafkaBroker kafka;
    private final JwtKeys jwtKeys;
    private final String commandSigningSecret;
    private final Map<String, DatabaseAccess> databases = new ConcurrentHashMap<>();

    private LocalInfrastructure(Path dataDir, boolean keepData, LocalPostgres postgres, LocalRedis redis,
            KafkaBroker kafka, JwtKeys jwtKeys, String commandSigningSecret) {
        this.dataDir = dataDir;
        this.keepData = keepData;
        this.postgres = postgres;
        this.redis = redis;
        this.kafka = kafka;
        this.jwtKeys = jwtKeys;
        this.commandSigningSecret = commandSigningSecret;
    }

    /**
     * @param dataDir  where the servers keep their files and logs
     * @param keepData true for the local run (data survives restarts), false for tests (deleted on close)
     */
    public static LocalInfrastructure start(Path dataDir, boolean keepData) throws IOException {
        return start(dataDir, keepData, false);
    }

    /**
     * @param ownShutdown the caller stops the infrastructure itself, after what uses it (the launcher): the
     *                    libraries' own shutdown hooks, which would stop the servers at once on SIGTERM, are taken
     *                    away (see {@link ShutdownHooks})
     */
    public static LocalInfrastructure start(Path dataDir, boolean keepData, boolean ownShutdown) throws IOException {
        Set<Thread> hooksBefore = ownShutdown ? ShutdownHooks.registered() : null;
        Path logs = dataDir.resolve("logs");
        Files.createDirectories(logs);
        long started = System.nanoTime();
        LocalPostgres postgres = null;
        LocalRedis redis = null;
        try {
            postgres = LocalPostgres.start(dataDir.resolve("postgres"), keepData);
            redis = LocalRedis.start(dataDir.resolve("redis"), keepData);
            KafkaBroker kafka = KafkaBroker.start(dataDir.resolve("kafka"), logs.resolve("kafka.log"));
            JwtKeys keys = JwtKeys.loadOrCreate(dataDir.resolve("keys"));
            String signingSecret = CommandSigningSecret.loadOrCreate(dataDir.resolve("keys"));
            if (ownShutdown) {
                int adopted = ShutdownHooks.adoptSince(hooksBefore);
                LOG.fine(() -> adopted + " library shutdown hooks adopted");
            }
            LOG.info(() -> "infrastructure up in " + (System.nanoTime() - started) / 1_000_000 + " ms: kafka "
                    + kafka.bootstrapServers());
            return new LocalInfrastructure(dataDir, keepData, postgres, redis, kafka, keys, signingSecret);
        } catch (IOException | RuntimeException e) {
            closeQuietly(redis);
            closeQuietly(postgres);
            throw e;
        }
    }

    /** A throw-away infrastructure in a new temporary folder, for tests. */
    public static LocalInfrastructure startForTests() throws IOException {
        return start(Files.createTempDirectory("chat-infra-"), false);
    }

    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    public String redisUrl() {
        return redis.url();
    }

    public JwtKeys jwtKeys() {
        return jwtKeys;
    }

    /** Stops the broker and starts it again, same address and data: what a broker restart looks like to the services. */
    public synchronized void restartKafka() throws IOException {
        kafka = kafka.restart();
    }

    /** Stops PostgreSQL and starts it again, same address and data. */
    public synchronized void restartPostgres() throws IOException {
        postgres = postgres.restart();
    }

    /** Stops Redis and starts it again on the same address (its data is not kept in tests, as after a crash). */
    public synchronized void restartRedis() throws IOException {
        redis = redis.restart();
    }

    /** What gateways sign commands with; tests that play a gateway sign with it too. */
    public String commandSigningSecret() {
        return commandSigningSecret;
    }

    public Path dataDir() {
        return dataDir;
    }

    public Path logDir() {
        return dataDir.resolve("logs");
    }

    /** The service's own database, created on first use; the same credentials for the life of this object. */
    public DatabaseAccess database(String name) {
        return databases.computeIfAbsent(name, postgres::database);
    }

    /** Everything a service needs to reach the stores it owns and the broker, as Quarkus config properties. */
    public Map<String, String> configFor(String service) {
        Map<String, String> config = new HashMap<>();
        config.put("kafka.bootstrap.servers", kafkaBootstrapServers());
        config.put(COMMAND_SIGNING_SECRETS, commandSigningSecret);
        switch (service) {
            case "user-service" -> {
                config.putAll(database("users").quarkusConfig());
                config.put("quarkus.redis.hosts", redisUrl());
                config.put("smallrye.jwt.sign.key.location", jwtKeys.privateKey().toUri().toString());
            }
            case "chat-service" -> {
                config.putAll(database("chat").quarkusConfig());
                // Uploaded images beside the databases, so they go (or stay) with them.
                config.put("chat.rooms.attachments.directory", dataDir.resolve("attachments").toString());
            }
            case "sketch-service" -> config.putAll(database("sketch").quarkusConfig());
            case "gateway-service" -> config.put("mp.jwt.verify.publickey.location", jwtKeys.publicKey().toUri().toString());
            // A client of the gateway's public API: no store, no broker, no secret of its own.
            case "terminal-gateway" -> config.remove(COMMAND_SIGNING_SECRETS);
            default -> throw new IllegalArgumentException("unknown service " + service);
        }
        return config;
    }

    @Override
    public void close() {
        kafka.close();
        closeQuietly(redis);
        closeQuietly(postgres);
        if (!keepData) {
            deleteRecursively(dataDir);
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.warning("closing " + closeable + " failed: " + e);
        }
    }

    private static void deleteRecursively(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
