package dev.chat.user.service;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.chat.contracts.Commands.ListUsers;
import dev.chat.contracts.PresenceSignal;
import dev.chat.contracts.ServiceReply;
import dev.chat.deploy.local.RealInfrastructureResource;
import dev.chat.user.messaging.UserReplies;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Presence on the real Redis and users database, with the test profile's short times (gateway TTL 2 s, offline
 * grace 0.5 s) and the service's own sweeper running, as in production.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructureResource.class, initArgs = @ResourceArg(name = "service", value = "user-service"))
class PresenceServiceTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    PresenceService presence;

    @Inject
    AccountService accounts;

    @Inject
    UserReplies replies;

    @Inject
    ObjectMapper mapper;

    private String newUser() {
        String name = "p" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        ServiceReply created = replies.of(OnVertxContext.await(() -> accounts.register(mapper.createObjectNode()
                .put("username", name).put("password", "correct horse").put("email", name + "@example.org"))));
        assertEquals(201, created.status());
        return created.body().get("id").asText();
    }

    private void signal(String type, String gateway, String connection, String userId) {
        presence.onSignal(PresenceSignal.connection(type, gateway, connection, userId, "someone")).await().atMost(WAIT);
    }

    private void heartbeat(String gateway) {
        presence.onSignal(PresenceSignal.instance(PresenceSignal.HEARTBEAT, gateway)).await().atMost(WAIT);
    }

    private boolean isOnline(String userId) {
        return presence.onlineAmong(List.of(userId)).await().atMost(WAIT).contains(userId);
    }

    private JsonNode listed(String userId, String online) {
        ServiceReply reply = replies.of(OnVertxContext.await(() -> accounts.list(new ListUsers(null, online, "200"))));
        assertEquals(200, reply.status());
        for (JsonNode user : reply.body()) {
            if (user.get("id").asText().equals(userId)) {
                return user;
            }
        }
        return null;
    }

    @Test
    void aUserIsOnlineWhileAnyConnectionIsOpenAndOfflineAfterTheGrace() {
        String user = newUser();
        String gateway = UUID.randomUUID().toString();
        heartbeat(gateway);
        assertFalse(isOnline(user));

        signal(PresenceSignal.CONNECTED, gateway, "tab-1", user);
        signal(PresenceSignal.CONNECTED, gateway, "tab-2", user);
        assertTrue(isOnline(user));
        JsonNode listedOnline = listed(user, "true");
        assertNotNull(listedOnline, "an online user is listed with online=true");
        assertTrue(listedOnline.get("online").asBoolean());

        signal(PresenceSignal.DISCONNECTED, gateway, "tab-1", user);
        heartbeat(gateway);
        // Longer than the grace: one tab is still open, so the user stays online.
        await().during(Duration.ofSeconds(1)).atMost(WAIT).until(() -> isOnline(user));

        signal(PresenceSignal.DISCONNECTED, gateway, "tab-2", user);
        assertTrue(isOnline(user), "within the grace the user still counts as online");
        await().atMost(WAIT).until(() -> !isOnline(user));
        JsonNode offline = listed(user, "false");
        assertNotNull(offline, "an offline user is listed with online=false");
        assertFalse(offline.get("online").asBoolean());
        assertNotNull(offline.get("lastSeenAt"), "last seen is recorded when the user goes offline");
        assertEquals(null, listed(user, "true"));
    }

    @Test
    void someoneWhoNeverConnectedIsListedWithANullLastSeenAt() {
        String user = newUser();
        JsonNode listed = listed(user, "false");
        assertNotNull(listed, "a user who never connected is listed as offline");
        assertTrue(listed.has("lastSeenAt"), "the contract lists lastSeenAt always: " + listed);
        assertTrue(listed.get("lastSeenAt").isNull(), listed.toString());
        assertFalse(listed.has("email"), "no one else's email in a list");
    }

    @Test
    void aReconnectWithinTheGraceDoesNotGoOffline() {
        String user = newUser();
        String gateway = UUID.randomUUID().toString();
        signal(PresenceSignal.CONNECTED, gateway, "c1", user);
        signal(PresenceSignal.DISCONNECTED, gateway, "c1", user);
        signal(PresenceSignal.CONNECTED, gateway, "c2", user);
        heartbeat(gateway);
        await().during(Duration.ofSeconds(1)).atMost(WAIT).until(() -> isOnline(user));
    }

    @Test
    void theConnectionsOfAGatewayThatStopsBeatingAreClosed() {
        String user = newUser();
        String silent = UUID.randomUUID().toString();
        signal(PresenceSignal.CONNECTED, silent, "c1", user);
        assertTrue(isOnline(user));
        // No heartbeat follows: after the TTL (2 s) and the grace the user is offline.
        await().atMost(WAIT).until(() -> !isOnline(user));
    }

    @Test
    void aStoppedGatewaysUsersGoOfflineWithoutWaitingForTheTtl() {
        String user = newUser();
        String gateway = UUID.randomUUID().toString();
        signal(PresenceSignal.CONNECTED, gateway, "c1", user);
        presence.onSignal(PresenceSignal.instance(PresenceSignal.STOPPED, gateway)).await().atMost(WAIT);
        await().atMost(Duration.ofMillis(1800)).until(() -> !isOnline(user));
    }

    @Test
    void aLateSignalFromAGoneGatewayChangesNothing() {
        String user = newUser();
        String gateway = UUID.randomUUID().toString();
        signal(PresenceSignal.CONNECTED, gateway, "c1", user);
        presence.onSignal(PresenceSignal.instance(PresenceSignal.STOPPED, gateway)).await().atMost(WAIT);
        await().atMost(WAIT).until(() -> !isOnline(user));
        // A connection announced late (or a replayed heartbeat) from the stopped instance does not revive it.
        signal(PresenceSignal.CONNECTED, gateway, "c2", user);
        heartbeat(gateway);
        assertFalse(isOnline(user));
    }

    @Test
    void aUserOnTwoGatewaysStaysOnlineWhenOneDies() {
        String user = newUser();
        String dying = UUID.randomUUID().toString();
        String alive = UUID.randomUUID().toString();
        signal(PresenceSignal.CONNECTED, dying, "c1", user);
        signal(PresenceSignal.CONNECTED, alive, "c2", user);
        presence.onSignal(PresenceSignal.instance(PresenceSignal.STOPPED, dying)).await().atMost(WAIT);
        heartbeat(alive);
        // Within the live instance's TTL the dead one's stop must not take the user offline.
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3)).until(() -> isOnline(user));
    }

    @Test
    void unusableSignalsAreSkipped() {
        presence.onSignal(new PresenceSignal("connected", "g", null, null, null, null)).await().atMost(WAIT);
        presence.onSignal(new PresenceSignal("nonsense", "g", "c", "u", "n", null)).await().atMost(WAIT);
        presence.onSignal(new PresenceSignal(null, null, null, null, null, null)).await().atMost(WAIT);
        assertFalse(isOnline("u"), "a signal of an unknown type changes nothing");
    }
}
