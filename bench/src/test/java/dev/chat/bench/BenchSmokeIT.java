package dev.chat.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.vertx.core.Vertx;

/**
 * Keeps the benchmark working: a few seconds of the smallest shape against both targets. It checks that the
 * generator measures and that nothing is lost; it asserts nothing about speed.
 */
class BenchSmokeIT {

    static Vertx vertx;
    static Path root;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        root = Path.of(System.getProperty("chat.project.root", "..")).toAbsolutePath().normalize();
    }

    @AfterAll
    static void stop() {
        vertx.close();
    }

    @Test
    void bothTargetsDeliverEverythingAndTheReportIsWritten() throws Exception {
        Shape shape = Shape.smoke();
        Report.Entry pipeline = BenchMain.runOnce(vertx, root, "pipeline", shape);
        Report.Entry peer = BenchMain.runOnce(vertx, root, "peer", shape);
        for (Report.Entry entry : List.of(pipeline, peer)) {
            var result = entry.result();
            assertEquals(shape.connections(), result.connections());
            assertTrue(result.deliveries() > 0, result.target() + " delivered nothing");
            assertTrue(result.deliveryLatencyMicros().getTotalCount() > 0, "probes measured latency");
            assertEquals(0, result.correctness().lost(), result.target() + " lost messages");
            assertEquals(0, result.correctness().duplicated());
            assertEquals(0, result.correctness().outOfOrder());
            assertTrue(result.correctness().checkedDeliveries() > 0);
            assertTrue(result.errors().isEmpty(), result.errors().toString());
        }
        assertTrue(pipeline.usage().get("chat-service").cpuSeconds() > 0, "CPU is read for the services");
        assertTrue(pipeline.usage().get("kafka").peakRssBytes() > 0, "memory is read for the broker");
        Path out = root.resolve("bench/target/smoke");
        Report.write(out.getParent(), "smoke", List.of(pipeline, peer), Map.of("kind", "smoke"));
        assertTrue(Files.readString(root.resolve("bench/target/smoke.svg")).startsWith("<svg"));
        assertTrue(Files.readString(root.resolve("bench/target/smoke.json")).contains("deliveriesPerSecond"));
    }
}
