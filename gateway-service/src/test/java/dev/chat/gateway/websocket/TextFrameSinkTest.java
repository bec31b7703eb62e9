package dev.chat.gateway.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.ServerWebSocket;

/** Frames written as bytes reach real WebSocket clients as text frames, byte for byte, from one shared array. */
class TextFrameSinkTest {

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void theVertxWebSocketUnderAWebsocketsNextConnectionIsWithinReach() {
        // If a Quarkus upgrade moves it, fan-out silently falls back to one String encoding per recipient: fail here instead.
        assertTrue(TextFrameSink.VertxSockets.available(), "websockets-next's connection no longer exposes its Vert.x WebSocket");
    }

    @Test
    void oneEncodedFrameArrivesIntactAsTextOnEverySocket() throws Exception {
        List<ServerWebSocket> accepted = new CopyOnWriteArrayList<>();
        HttpServer server = vertx.createHttpServer().webSocketHandler(accepted::add).listen(0)
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        var client = vertx.createHttpClient();
        List<CompletableFuture<String>> received = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            CompletableFuture<String> text = new CompletableFuture<>();
            received.add(text);
            client.webSocket(server.actualPort(), "localhost", "/").onSuccess(socket -> {
                socket.textMessageHandler(text::complete);
                socket.binaryMessageHandler(bytes -> text.completeExceptionally(new AssertionError("a binary frame")));
            });
        }
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> accepted.size() == 3);

        String json = "{\"type\":\"message\",\"text\":\"h\u00e9llo \uD83D\uDC4B\"}";
        byte[] frame = json.getBytes(StandardCharsets.UTF_8);
        CountDownLatch written = new CountDownLatch(3);
        for (ServerWebSocket socket : accepted) {
            new TextFrameSink.Direct(socket).write(frame, written::countDown);
        }
        for (CompletableFuture<String> text : received) {
            assertEquals(json, text.get(10, TimeUnit.SECONDS));
        }
        assertTrue(written.await(10, TimeUnit.SECONDS), "every write reports back, so unsent bytes are counted down");
        assertEquals(json, new String(frame, StandardCharsets.UTF_8), "the shared array is left as it was");
    }

    @Test
    void aWriteToAClosedSocketStillReportsBack() throws Exception {
        List<ServerWebSocket> accepted = new CopyOnWriteArrayList<>();
        HttpServer server = vertx.createHttpServer().webSocketHandler(accepted::add).listen(0)
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        vertx.createHttpClient().webSocket(server.actualPort(), "localhost", "/");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> accepted.size() == 1);
        accepted.get(0).close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        CountDownLatch written = new CountDownLatch(1);
        new TextFrameSink.Direct(accepted.get(0)).write("{}".getBytes(StandardCharsets.UTF_8), written::countDown);
        assertTrue(written.await(10, TimeUnit.SECONDS));
    }
}
