package dev.chat.user.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.chat.contracts.Topics;
import dev.chat.deploy.local.RealInfrastructureResource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Issue 14: a command whose caller has stopped waiting is dropped unanswered, and a failing command never puts its
 * payload (passwords, refresh tokens) in the log.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructureResource.class, initArgs = @ResourceArg(name = "service", value = "user-service"))
class CommandHygieneTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    MeterRegistry metrics;

    /** Replies by correlation id, polled until every one of {@code wanted} has come; others that arrive are kept too. */
    static Map<String, JsonNode> awaitReplies(KafkaCalls calls, List<String> wanted) throws Exception {
        Map<String, JsonNode> got = new HashMap<>();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!got.keySet().containsAll(wanted) && System.nanoTime() < deadline) {
            for (Map.Entry<String, String> reply : calls.poll(Duration.ofMillis(200))) {
                got.put(reply.getKey(), MAPPER.readTree(reply.getValue()));
            }
        }
        assertTrue(got.keySet().containsAll(wanted), "replies within " + WAIT);
        return got;
    }

    double expired() {
        Counter counter = metrics.find("chat.users.commands.expired").tag("op", "auth.register").counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void aCommandPastItsDeadlineIsDroppedUnanswered() throws Exception {
        String name = "d" + UUID.randomUUID().toString().substring(0, 8);
        String register = "{\"op\":\"auth.register\",\"body\":{\"username\":\"" + name
                + "\",\"password\":\"correct horse\",\"email\":\"d@example.org\"}";
        double before = expired();
        try (KafkaCalls calls = new KafkaCalls(Topics.USER_REPLIES, 3)) {
            // The gateway gave up on this one a second ago; the same call again, in time, right behind it (same key, so
            // same partition, so handled after it).
            long now = System.currentTimeMillis();
            String late = calls.send(Topics.USER_COMMANDS, name, register + ",\"deadline\":" + (now - 1000) + "}");
            String inTime = calls.send(Topics.USER_COMMANDS, name, register + ",\"deadline\":" + (now + 30_000) + "}");
            calls.flush();
            Map<String, JsonNode> replies = awaitReplies(calls, List.of(inTime));
            assertFalse(replies.containsKey(late), "the late command was answered: " + replies.get(late));
            // Not done either: the account did not exist when the call in time came.
            assertEquals(201, replies.get(inTime).get("status").asInt(), replies.get(inTime).toString());
        }
        assertEquals(before + 1, expired());
    }

    @Test
    void aCommandNoGatewaySignedIsRefusedAndCreatesNothing() throws Exception {
        String name = "f" + UUID.randomUUID().toString().substring(0, 8);
        String register = "{\"op\":\"auth.register\",\"body\":{\"username\":\"" + name
                + "\",\"password\":\"correct horse\",\"email\":\"f@example.org\"}}";
        try (KafkaCalls calls = new KafkaCalls(Topics.USER_REPLIES, 1)) {
            String forged = calls.send(Topics.USER_COMMANDS, name, register, false);
            calls.flush();
            assertEquals(500, awaitReplies(calls, List.of(forged)).get(forged).get("status").asInt());
            // The same registration from a gateway: the name was still free, so the forged one did nothing.
            String signed = calls.send(Topics.USER_COMMANDS, name, register);
            calls.flush();
            JsonNode reply = awaitReplies(calls, List.of(signed)).get(signed);
            assertEquals(201, reply.get("status").asInt(), reply.toString());
        }
    }

    @Test
    void aFailingCommandIsLoggedWithoutItsPayload() throws Exception {
        List<String> logged = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                StringBuilder text = new StringBuilder(String.valueOf(record.getMessage()))
                        .append(Arrays.toString(record.getParameters()));
                for (Throwable t = record.getThrown(); t != null; t = t.getCause()) {
                    text.append(' ').append(t);
                }
                synchronized (logged) {
                    logged.add(text.toString());
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        root.addHandler(capture);
        try (KafkaCalls calls = new KafkaCalls(Topics.USER_REPLIES, 2)) {
            // A caller the gateway would never send (not a user id) makes users.me fail on this side: a 500, logged.
            String failing = calls.send(Topics.USER_COMMANDS, "k", "{\"op\":\"users.me\",\"caller\":{\"userId\":\"not-a-uuid\","
                    + "\"username\":\"ann\",\"sessionId\":\"s\"},\"body\":{\"password\":\"SECRET-PASSWORD-7\","
                    + "\"refreshToken\":\"SECRET-REFRESH-7\"}}");
            calls.flush();
            JsonNode reply = awaitReplies(calls, List.of(failing)).get(failing);
            assertEquals(500, reply.get("status").asInt(), reply.toString());
        } finally {
            root.removeHandler(capture);
        }
        synchronized (logged) {
            assertTrue(logged.stream().anyMatch(line -> line.contains("users.me")), "the failure is logged: " + logged);
            assertTrue(logged.stream().noneMatch(line -> line.contains("SECRET-")), "a payload was logged: " + logged);
        }
    }
}
