package dev.chat.user.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.chat.contracts.Topics;
import dev.chat.deploy.local.RealInfrastructureResource;
import dev.chat.user.service.AccountOutcome;
import dev.chat.user.service.AccountService;
import dev.chat.user.service.OnVertxContext;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Issue 14: a flood of logins must not stall refreshes. Logins hash with bcrypt at the production cost here, and a
 * hundred of them keep user-service's login consumers busy for seconds; a refresh sent behind them is still answered
 * well within the gateway's request timeout (5 s), while most of the logins are still waiting.
 */
@QuarkusTest
@TestProfile(RefreshDuringLoginFloodTest.ProductionHashing.class)
@QuarkusTestResource(value = RealInfrastructureResource.class, initArgs = @ResourceArg(name = "service", value = "user-service"))
class RefreshDuringLoginFloodTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** About ten seconds of bcrypt on 2 cores: on user.commands, a refresh behind them would wait past the 5 s timeout. */
    private static final int LOGINS = 120;
    /** Well inside the gateway's 5 s, on a busy 2-core machine. */
    private static final Duration REFRESH_WITHIN = Duration.ofMillis(2500);

    /** bcrypt at the production cost (tests otherwise use 4, a thousand times cheaper). */
    public static class ProductionHashing implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("chat.users.bcrypt-cost", "10");
        }
    }

    @Inject
    AccountService accounts;

    @Inject
    ObjectMapper mapper;

    @Test
    void aRefreshIsAnsweredWhileLoginsQueue() throws Exception {
        String name = "f" + UUID.randomUUID().toString().substring(0, 8);
        OnVertxContext.await(() -> accounts.register(mapper.createObjectNode().put("username", name)
                .put("password", "correct horse").put("email", "f@example.org")));

        try (KafkaCalls logins = new KafkaCalls(Topics.USER_REPLIES, 0);
                KafkaCalls refreshes = new KafkaCalls(Topics.USER_REFRESH_REPLIES, 0)) {
            // A first refresh on a quiet service: the refresh consumers own their partitions and its code is warm.
            JsonNode warm = refresh(refreshes, name, refreshTokenOf(name), Duration.ofSeconds(30));
            assertTrue(warm != null && warm.get("status").asInt() == 200, "the first refresh: " + warm);
            String refreshToken = refreshTokenOf(name);

            Set<String> pending = new HashSet<>();
            for (int i = 0; i < LOGINS; i++) {
                // Unknown names: each still costs a full bcrypt hash (against a decoy), as an attacker's would.
                String flooder = "flood" + i + "x" + UUID.randomUUID().toString().substring(0, 6);
                pending.add(logins.send(Topics.USER_COMMANDS, flooder, "{\"op\":\"auth.login\",\"body\":{\"username\":\"" + flooder
                        + "\",\"password\":\"wrong horse\"}}"));
            }
            logins.flush();
            // Let the flood reach the consumers first.
            drain(logins, pending, Duration.ofMillis(500));

            long sent = System.nanoTime();
            // The same key as the first: the same partition, whose consumer is known to be there.
            JsonNode answer = refresh(refreshes, name, refreshToken, Duration.ofSeconds(20));
            Duration took = Duration.ofNanos(System.nanoTime() - sent);
            drain(logins, pending, Duration.ZERO);
            int loginsLeft = pending.size();

            assertTrue(answer != null, "the refresh was never answered");
            assertEquals(200, answer.get("status").asInt(), answer.toString());
            assertTrue(took.compareTo(REFRESH_WITHIN) < 0, "the refresh took " + took.toMillis() + " ms behind the logins");
            assertTrue(loginsLeft > LOGINS / 4, "the flood was over before the refresh: " + loginsLeft + " logins left");

            // Every login is answered in the end: the flood was slow, not lost.
            drain(logins, pending, Duration.ofSeconds(60));
            assertEquals(Set.of(), pending);
        }
    }

    /** A new session's refresh token. */
    private String refreshTokenOf(String name) {
        AccountOutcome loggedIn = OnVertxContext.await(() -> accounts.login(mapper.createObjectNode().put("username", name)
                .put("password", "correct horse")));
        return mapper.valueToTree(((AccountOutcome.Ok) loggedIn).body()).get("refreshToken").asText();
    }

    /** Sends a refresh on its topic and waits up to {@code atMost} for the answer; null if none came. */
    private static JsonNode refresh(KafkaCalls refreshes, String key, String refreshToken, Duration atMost) throws Exception {
        long sent = System.nanoTime();
        String refresh = refreshes.send(Topics.USER_REFRESH, key, "{\"op\":\"auth.refresh\",\"body\":{\"refreshToken\":\""
                + refreshToken + "\"}}");
        refreshes.flush();
        while (System.nanoTime() - sent < atMost.toNanos()) {
            for (Map.Entry<String, String> reply : refreshes.poll(Duration.ofMillis(50))) {
                if (reply.getKey().equals(refresh)) {
                    return MAPPER.readTree(reply.getValue());
                }
            }
        }
        return null;
    }

    /** Takes answered logins off {@code pending}, polling for up to {@code atMost} or until none is left. */
    private static void drain(KafkaCalls logins, Set<String> pending, Duration atMost) {
        long until = System.nanoTime() + atMost.toNanos();
        do {
            for (Map.Entry<String, String> reply : logins.poll(Duration.ofMillis(100))) {
                pending.remove(reply.getKey());
            }
        } while (!pending.isEmpty() && System.nanoTime() < until);
    }
}
