package dev.chat.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Every gateway reads all of chat.events, so each process must be a consumer group of its own
 * ({@code gateway-events-${quarkus.uuid}}): two gateways sharing a group would each get half the rooms' events and
 * their clients would miss the rest. The uuid is drawn when a process starts, not when it is built; this checks it for
 * the JVM build, the native images' workflow for native ones.
 */
class GatewayInstancesIT {

    @Test
    void everyRunningGatewayReadsTheEventsInAGroupOfItsOwn() throws Exception {
        RunningSystem system = RunningSystem.get();
        system.gateway(1);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", system.infrastructure().kafkaBootstrapServers()))) {
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                List<String> groups = admin.listConsumerGroups().all().get(10, TimeUnit.SECONDS).stream()
                        .map(ConsumerGroupListing::groupId).filter(id -> id.startsWith("gateway-events-")).toList();
                long active = admin.describeConsumerGroups(groups).all().get(10, TimeUnit.SECONDS).values().stream()
                        .map(ConsumerGroupDescription::members).filter(members -> !members.isEmpty()).count();
                assertTrue(active >= 2, "two running gateways, " + active + " active event group(s)");
            });
        }
    }
}
