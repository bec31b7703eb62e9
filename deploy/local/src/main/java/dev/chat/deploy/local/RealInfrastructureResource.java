package dev.chat.deploy.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The one test resource every service's {@code @QuarkusTest}s share: real Kafka, PostgreSQL and Redis,
 * started once per test JVM (in throw-away folders) and stopped when the JVM ends. The init argument
 * {@code service} picks whose stores and settings the test application gets.
 */
public class RealInfrastructureResource implements QuarkusTestResourceLifecycleManager {

    private static LocalInfrastructure infrastructure;

    private String service = "user-service";

    @Override
    public void init(Map<String, String> initArgs) {
        service = initArgs.getOrDefault("service", service);
    }

    @Override
    public Map<String, String> start() {
        return shared().configFor(service);
    }

    @Override
    public void stop() {
        // Kept for the next test class of this JVM; the shutdown hook stops it.
    }

    /** The infrastructure of this JVM, started on first use. */
    public static synchronized LocalInfrastructure shared() {
        if (infrastructure == null) {
            try {
                infrastructure = LocalInfrastructure.startForTests();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            LocalInfrastructure started = infrastructure;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "test-infrastructure-shutdown"));
        }
        return infrastructure;
    }
}
