package dev.chat.e2e.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chat.deploy.local.ServiceProcess;
import dev.chat.e2e.Api;
import dev.chat.e2e.RunningSystem;

/**
 * Processes die and infrastructure restarts under steady load from real clients (200 tabs of 100 members in 10 rooms,
 * 50 messages a second), one fault after another: SIGKILL of chat-service and its restart, SIGKILL of the gateway the
 * senders are on (they reconnect to the other), SIGKILL of user-service and of sketch-service and their restarts, a
 * Kafka broker restart, a PostgreSQL restart, a Redis restart. After each, sends (or the killed service's own calls)
 * must be answered again within 10 s of the replacement being up; at the end every acknowledged message must
 * be in history once and have reached every tab of its room, each connection getting each seq once and, once resumed,
 * in order. The recovery times are printed and written to target/fault-report.md (docs/reliability.md quotes a run).
 *
 * <p>Runs in a JVM of its own (the failsafe execution "fault-injection"), on infrastructure of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultInjectionIT {

    static final int ROOMS = 10;
    static final int MEMBERS_PER_ROOM = 10;
    static final int SENDS_PER_SECOND = 50;
    static final Duration RECOVERY_TARGET = Duration.ofSeconds(10);
    static final long SECOND = 1_000_000_000L;

    RunningSystem system;
    Api api;
    ServiceProcess sendersGateway;
    ServiceProcess readersGateway;
    final List<ServiceProcess> gateways = new CopyOnWriteArrayList<>();
    final List<FaultClient> senders = new ArrayList<>();
    final List<FaultClient> tabs = new ArrayList<>();
    final Map<String, String> roomOfTab = new HashMap<>();
    final List<String> report = new ArrayList<>();
    String storm = "";
    long loadTimer = -1;
    long resendTimer = -1;
    int nextSender;

    @BeforeAll
    void startUnderLoad() throws Exception {
        system = RunningSystem.get();
        api = new Api(system.gatewayUrl());
        sendersGateway = system.gateway(1);
        readersGateway = system.gateway(2);
        gateways.add(sendersGateway);
        gateways.add(readersGateway);
        for (int r = 0; r < ROOMS; r++) {
            Api.Session owner = api.newUser("fo" + r + "x");
            String roomId = api.createRoom(owner, "fault " + r + " ");
            for (int m = 0; m < MEMBERS_PER_ROOM; m++) {
                Api.Session member = m == 0 ? owner : api.newUser("f" + r + "m" + m + "x");
                if (m > 0) {
                    api.join(member, roomId);
                }
                FaultClient sender = new FaultClient("r" + r + "m" + m + "a", member, roomId, sendersGateway.url(), this::aliveGateways);
                FaultClient reader = new FaultClient("r" + r + "m" + m + "b", member, roomId, readersGateway.url(), this::aliveGateways);
                senders.add(sender);
                tabs.add(sender);
                tabs.add(reader);
            }
        }
        long opened = System.nanoTime();
        tabs.forEach(FaultClient::connect);
        awaitTrue("every tab welcomed", Duration.ofSeconds(60), () -> tabs.stream().allMatch(tab -> tab.welcomes > 0));
        long lastWelcome = tabs.stream().mapToLong(tab -> tab.lastWelcomeNanos).max().orElse(opened);
        storm = String.format("%d WebSockets opened together: the last welcome %.1f s after they were opened", tabs.size(),
                (lastWelcome - opened) / 1e9);
        System.out.println("fault injection: " + storm);
        // 50 sends a second, round robin over the members; overdue ones sent again every half second.
        loadTimer = FaultClient.VERTX.setPeriodic(100, id -> {
            for (int i = 0; i < SENDS_PER_SECOND / 10; i++) {
                senders.get(nextSender++ % senders.size()).sendNew();
            }
        });
        resendTimer = FaultClient.VERTX.setPeriodic(500, id -> {
            long now = System.nanoTime();
            senders.forEach(sender -> sender.resendOverdue(now));
        });
        steady(250);
    }

    @AfterAll
    void stopLoad() throws Exception {
        FaultClient.VERTX.cancelTimer(loadTimer);
        FaultClient.VERTX.cancelTimer(resendTimer);
        tabs.forEach(FaultClient::stop);
        String table = String.join("\n", report);
        System.out.println("\nFault injection, recovery per fault:\n" + table + "\n");
        Files.writeString(Path.of("target", "fault-report.md"), "| fault | replacement up after | first ack after up | longest time "
                + "without any ack | sends acknowledged during the phase |\n|---|---|---|---|---|\n" + table + "\n\n" + storm + "\n");
    }

    @Test
    @Order(1)
    void sigkillOfChatService() throws Exception {
        fault("SIGKILL chat-service, restart", () -> {
            system.service("chat-service").kill();
            system.restart("chat-service");
        });
    }

    @Test
    @Order(2)
    void sigkillOfTheSendersGateway() throws Exception {
        fault("SIGKILL the senders' gateway (they reconnect to the other)", () -> {
            gateways.remove(sendersGateway);
            sendersGateway.kill();
        });
    }

    @Test
    @Order(3)
    void sigkillOfUserService() throws Exception {
        Api.Session probe = api.newUser("fu");
        serviceFault("SIGKILL user-service, restart (a login answered)", "user-service",
                () -> api.login(probe.username(), "correct horse battery").statusCode() == 200);
    }

    @Test
    @Order(4)
    void sigkillOfSketchService() throws Exception {
        Api.Session owner = api.newUser("fs");
        String roomId = api.createRoom(owner, "fault canvas ");
        serviceFault("SIGKILL sketch-service, restart (a canvas answered)", "sketch-service",
                () -> api.as(owner.accessToken()).get("/api/rooms/" + roomId + "/sketch").statusCode() == 200);
    }

    @Test
    @Order(5)
    void kafkaBrokerRestart() throws Exception {
        fault("Kafka broker restart", () -> system.infrastructure().restartKafka());
    }

    @Test
    @Order(6)
    void postgresRestart() throws Exception {
        fault("PostgreSQL restart", () -> system.infrastructure().restartPostgres());
    }

    @Test
    @Order(7)
    void redisRestart() throws Exception {
        fault("Redis restart", () -> system.infrastructure().restartRedis());
    }

    @Test
    @Order(8)
    void everyAcknowledgedMessageIsInHistoryOnceAndReachedEveryTabOfItsRoom() throws Exception {
        FaultClient.VERTX.cancelTimer(loadTimer);
        awaitTrue("every send acknowledged", Duration.ofSeconds(60), () -> senders.stream().allMatch(s -> s.pendingCount() == 0));
        Map<String, Map<Long, String>> acked = new HashMap<>();
        for (FaultClient sender : senders) {
            for (FaultClient.Ack ack : sender.acks) {
                String earlier = acked.computeIfAbsent(ack.roomId(), r -> new TreeMap<>()).put(ack.seq(), ack.clientMsgId());
                assertTrue(earlier == null || earlier.equals(ack.clientMsgId()), "seq " + ack.seq() + " acknowledged for two messages");
            }
        }
        awaitTrue("every tab has every acknowledged message of its room", Duration.ofSeconds(60),
                () -> tabs.stream().allMatch(tab -> tab.missing(acked.getOrDefault(tab.roomId, Map.of()).keySet()).isEmpty()));
        List<String> violations = new ArrayList<>();
        tabs.forEach(tab -> violations.addAll(tab.violations));
        assertEquals(List.of(), violations, "delivery: each seq once per connection, in order once resumed");

        int total = 0;
        for (var room : acked.entrySet()) {
            Map<Long, String> history = history(room.getKey());
            Set<String> ids = new HashSet<>(history.values());
            assertEquals(history.size(), ids.size(), "a clientMsgId stored twice in room " + room.getKey());
            for (var ack : room.getValue().entrySet()) {
                assertEquals(ack.getValue(), history.get(ack.getKey()), "acknowledged seq " + ack.getKey() + " in history");
            }
            long last = history.isEmpty() ? 0 : ((TreeMap<Long, String>) history).lastKey();
            assertEquals(last, history.size(), "seqs of room " + room.getKey() + " without a gap");
            total += room.getValue().size();
        }
        System.out.println("fault injection: " + total + " acknowledged messages checked against history and 200 tabs");
        assertTrue(total > 1000, "the load ran: " + total + " messages");
    }

    /** Injects a fault under load; asserts sends are acknowledged again within the target after the replacement is up. */
    private void fault(String name, ThrowingRunnable inject) throws Exception {
        steady(250);
        int acksBefore = ackCount();
        long faultAt = System.nanoTime();
        inject.run();
        long upAt = System.nanoTime();
        Long firstAck = awaitFirstAckAfter(upAt, Duration.ofSeconds(60));
        awaitTrue("every tab connected and every send acknowledged after " + name, Duration.ofSeconds(90),
                () -> tabs.stream().allMatch(FaultClient::isConnected) && senders.stream().allMatch(s -> s.pendingCount() == 0));
        long longestGap = longestGapWithoutAcks(faultAt - SECOND, System.nanoTime());
        String line = String.format("| %s | %.1f s | %s | %.1f s | %d |", name, (upAt - faultAt) / 1e9,
                firstAck == null ? "none within 60 s" : String.format("%.1f s", (firstAck - upAt) / 1e9), longestGap / 1e9,
                ackCount() - acksBefore);
        report.add(line);
        System.out.println("fault injection: " + line);
        assertTrue(firstAck != null && firstAck - upAt <= RECOVERY_TARGET.toNanos(),
                name + ": no send acknowledged within " + RECOVERY_TARGET.toSeconds() + " s of the replacement being up");
    }

    /**
     * A service other than chat-service killed under the message load: its own calls (probed with {@code answered}) must
     * succeed again within the target once the replacement is up, and the messages go on meanwhile.
     */
    private void serviceFault(String name, String service, BooleanSupplier answered) throws Exception {
        steady(150);
        assertTrue(answered.getAsBoolean(), name + ": the probe fails before the fault");
        int acksBefore = ackCount();
        long faultAt = System.nanoTime();
        system.service(service).kill();
        system.restart(service);
        long upAt = System.nanoTime();
        Long answeredAt = firstWithin(Duration.ofSeconds(60), () -> answered.getAsBoolean() ? System.nanoTime() : null);
        String line = String.format("| %s | %.1f s | %s | %.1f s | %d |", name, (upAt - faultAt) / 1e9,
                answeredAt == null ? "none within 60 s" : String.format("%.1f s (its own call)", (answeredAt - upAt) / 1e9),
                longestGapWithoutAcks(faultAt - SECOND, System.nanoTime()) / 1e9, ackCount() - acksBefore);
        report.add(line);
        System.out.println("fault injection: " + line);
        assertTrue(answeredAt != null && answeredAt - upAt <= RECOVERY_TARGET.toNanos(),
                name + ": not answered within " + RECOVERY_TARGET.toSeconds() + " s of the replacement being up");
    }

    private Long awaitFirstAckAfter(long nanos, Duration patience) {
        return firstWithin(patience, () -> senders.stream().flatMap(sender -> sender.acks.stream())
                .mapToLong(FaultClient.Ack::atNanos).filter(at -> at > nanos).min().stream().boxed().findFirst().orElse(null));
    }

    /** The first non-null value {@code probe} gives within {@code patience}; null if none does. */
    private static Long firstWithin(Duration patience, Callable<Long> probe) {
        try {
            return Awaitility.await().atMost(patience).pollInterval(Duration.ofMillis(50)).until(probe, Objects::nonNull);
        } catch (ConditionTimeoutException e) {
            return null;
        }
    }

    private long longestGapWithoutAcks(long from, long to) {
        List<Long> times = new ArrayList<>();
        senders.forEach(sender -> sender.acks.forEach(ack -> {
            if (ack.atNanos() >= from && ack.atNanos() <= to) {
                times.add(ack.atNanos());
            }
        }));
        times.add(from);
        times.add(to);
        times.sort(Long::compare);
        long longest = 0;
        for (int i = 1; i < times.size(); i++) {
            longest = Math.max(longest, times.get(i) - times.get(i - 1));
        }
        return longest;
    }

    private int ackCount() {
        return senders.stream().mapToInt(sender -> sender.acks.size()).sum();
    }

    private List<String> aliveGateways() {
        List<String> urls = new ArrayList<>();
        gateways.forEach(gateway -> urls.add(gateway.url()));
        return urls;
    }

    /** The room's whole history, seq to clientMsgId, read forward a page at a time. */
    private Map<Long, String> history(String roomId) {
        // A reader of its own, who joins the public room to read it.
        Api.Session member = api.newUser("fh");
        api.join(member, roomId);
        TreeMap<Long, String> messages = new TreeMap<>();
        long after = 0;
        while (true) {
            JsonNode page = api.as(member.accessToken()).queryParam("afterSeq", after).queryParam("limit", 200)
                    .get("/api/rooms/" + roomId + "/messages").then().statusCode(200).extract().as(JsonNode.class);
            for (JsonNode message : page.path("messages")) {
                messages.put(message.path("seq").asLong(), message.path("clientMsgId").asText());
                after = Math.max(after, message.path("seq").asLong());
            }
            if (!page.path("hasMore").asBoolean()) {
                return messages;
            }
        }
    }

    /** Load runs until this many more sends have been acknowledged: the system is steady before the next fault. */
    private void steady(int acks) {
        int target = ackCount() + acks;
        awaitTrue("steady load (" + acks + " acknowledged sends)", Duration.ofSeconds(60), () -> ackCount() >= target);
    }

    private static void awaitTrue(String what, Duration patience, BooleanSupplier condition) {
        Awaitility.await(what).atMost(patience).pollInterval(Duration.ofMillis(100)).until(condition::getAsBoolean);
    }

    @FunctionalInterface
    interface ThrowingRunnable {
        void run() throws Exception;
    }
}
