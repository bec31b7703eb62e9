package dev.chat.e2e;

import static dev.chat.e2e.WsClient.type;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.chat.deploy.local.ServiceProcess;

/**
 * A gateway that is stopped (a rollout's SIGTERM) tells each client to reconnect (1012) a few at a time over its
 * drain window, and a client that reconnects to another gateway and resumes has missed nothing sent meanwhile.
 */
class GatewayDrainIT {

    private static final int CLIENTS = 4;

    static RunningSystem system;
    static Api api;

    @BeforeAll
    static void start() throws Exception {
        system = RunningSystem.get();
        api = new Api(system.gatewayUrl());
    }

    @Test
    void aStoppingGatewaySpreadsItsClosesAndTheClientsResumeElsewhereWithoutLoss() throws Exception {
        ServiceProcess leaving = system.startPrivateGateway(Map.of("chat.gateway.websocket.drain-window", "PT2S"));
        Api.Session talker = api.newUser("drtalk");
        String roomId = api.createRoom(talker, "drain ");
        List<Api.Session> listeners = new ArrayList<>();
        List<WsClient> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < CLIENTS; i++) {
                Api.Session listener = api.newUser("drlis");
                api.join(listener, roomId);
                listeners.add(listener);
                sockets.add(WsClient.connect(leaving.url(), listener.accessToken()));
            }
            api.postMessage(talker, roomId, UUID.randomUUID().toString(), "before");
            for (WsClient socket : sockets) {
                socket.await(f -> "message".equals(f.path("type").asText()) && "before".equals(f.path("text").asText()),
                        Duration.ofSeconds(20));
            }
            long lastSeen = sockets.get(0).seqs(roomId).get(0);

            leaving.requestStop();
            api.postMessage(talker, roomId, UUID.randomUUID().toString(), "during");
            long firstClose = Long.MAX_VALUE;
            long lastClose = 0;
            for (WsClient socket : sockets) {
                socket.awaitClosed(Duration.ofSeconds(15));
                assertEquals((short) 1012, socket.closeStatus(), "a draining gateway asks its clients to reconnect");
                firstClose = Math.min(firstClose, socket.closedAtNanos());
                lastClose = Math.max(lastClose, socket.closedAtNanos());
            }
            // Four clients over a 2 s window: one every 500 ms, so at least 1 s between the first close and the last.
            assertTrue(Duration.ofNanos(lastClose - firstClose).toMillis() >= 1000,
                    "the closes were not spread: " + Duration.ofNanos(lastClose - firstClose));

            try (WsClient elsewhere = WsClient.connect(system.gatewayUrl(), listeners.get(0).accessToken())) {
                elsewhere.send(Map.of("type", "resume", "positions", Map.of(roomId, lastSeen)));
                elsewhere.await(type("resumed"), Duration.ofSeconds(20));
                elsewhere.await(f -> "message".equals(f.path("type").asText()) && "during".equals(f.path("text").asText()),
                        Duration.ofSeconds(20));
                assertEquals(List.of(lastSeen + 1), elsewhere.seqs(roomId));
            }
            assertTrue(leaving.waitForExit(20, TimeUnit.SECONDS), "the drained gateway did not exit");
        } finally {
            sockets.forEach(WsClient::close);
            leaving.close();
        }
    }
}
