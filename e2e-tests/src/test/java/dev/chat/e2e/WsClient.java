package dev.chat.e2e;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;

/** A real WebSocket client of /ws that records every frame it receives. */
public final class WsClient implements AutoCloseable {

    private static final Vertx VERTX = Vertx.vertx();
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final WebSocket socket;
    private final List<JsonNode> frames = new CopyOnWriteArrayList<>();
    private volatile Short closeStatus;
    private volatile long closedAtNanos;
    private final CompletableFuture<Void> closed = new CompletableFuture<>();

    private WsClient(WebSocket socket) {
        this.socket = socket;
        socket.textMessageHandler(text -> {
            try {
                frames.add(MAPPER.readTree(text));
            } catch (Exception e) {
                throw new IllegalStateException("the server sent a frame that is not JSON: " + text, e);
            }
        });
        socket.closeHandler(v -> {
            closeStatus = socket.closeStatusCode() == null ? (short) -1 : socket.closeStatusCode();
            closedAtNanos = System.nanoTime();
            closed.complete(null);
        });
        // A write to a socket the server has closed fails; the tests read the close, not the write's failure.
        socket.exceptionHandler(failure -> {
        });
    }

    /** Connects with the token in the Authorization header and waits for the welcome. */
    public static WsClient connect(String gatewayUrl, String accessToken) throws Exception {
        WsClient client = open(gatewayUrl, accessToken, false);
        client.await(f -> "welcome".equals(f.path("type").asText()));
        return client;
    }

    /** Connects as a browser would, with the token as access_token parameter. */
    public static WsClient connectWithQueryToken(String gatewayUrl, String accessToken) throws Exception {
        WsClient client = open(gatewayUrl, accessToken, true);
        client.await(f -> "welcome".equals(f.path("type").asText()));
        return client;
    }

    static WsClient open(String gatewayUrl, String accessToken, boolean inQuery) throws Exception {
        URI uri = URI.create(gatewayUrl);
        WebSocketConnectOptions options = new WebSocketConnectOptions().setHost(uri.getHost()).setPort(uri.getPort())
                .setURI(inQuery && accessToken != null ? "/ws?access_token=" + accessToken : "/ws");
        if (!inQuery && accessToken != null) {
            options.addHeader("Authorization", "Bearer " + accessToken);
        }
        WebSocketClient client = VERTX.createWebSocketClient();
        WebSocket socket = client.connect(options).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        return new WsClient(socket);
    }

    public void send(String text) {
        socket.writeTextMessage(text);
    }

    public void send(Object frame) {
        try {
            send(MAPPER.writeValueAsString(frame));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first frame received (so far or within 15 s) that matches. */
    public JsonNode await(Predicate<JsonNode> wanted) throws InterruptedException {
        return await(wanted, Duration.ofSeconds(15));
    }

    public JsonNode await(Predicate<JsonNode> wanted, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (JsonNode frame : frames) {
                if (wanted.test(frame)) {
                    return frame;
                }
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no matching frame within " + timeout + "; received: " + frames);
    }

    public List<JsonNode> frames(Predicate<JsonNode> wanted) {
        List<JsonNode> matching = new ArrayList<>();
        for (JsonNode frame : frames) {
            if (wanted.test(frame)) {
                matching.add(frame);
            }
        }
        return matching;
    }

    /** The message frames of a room, in the order received. */
    public List<JsonNode> messages(String roomId) {
        return frames(f -> "message".equals(f.path("type").asText()) && roomId.equals(f.path("roomId").asText()));
    }

    public List<Long> seqs(String roomId) {
        return messages(roomId).stream().map(f -> f.path("seq").asLong()).toList();
    }

    public static Predicate<JsonNode> type(String type) {
        return f -> type.equals(f.path("type").asText());
    }

    /** Waits until the server closes the connection; fails if it stays open. */
    public void awaitClosed(Duration timeout) throws Exception {
        closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public boolean isClosed() {
        return socket.isClosed();
    }

    public Short closeStatus() {
        return closeStatus;
    }

    /** When the close arrived, on {@link System#nanoTime()}'s scale; 0 while open. */
    public long closedAtNanos() {
        return closedAtNanos;
    }

    @Override
    public void close() {
        if (!socket.isClosed()) {
            socket.close();
        }
    }
}
