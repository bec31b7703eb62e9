package dev.chat.e2e.fault;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.chat.e2e.Api;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;

/**
 * One browser tab of a member of one room, as the web client behaves: it reconnects when its socket drops (to another
 * gateway if its own is gone), resumes from the last seq it has without a gap, and sends each unacknowledged message
 * again with the same clientMsgId until it is acknowledged. It records what it is sent, to be checked: per connection no
 * seq twice, and after the {@code resumed} frame each message the next seq.
 */
final class FaultClient {

    static final Vertx VERTX = Vertx.vertx();
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** A send with no ack this long is sent again (the web client marks it failed, and the person presses retry). */
    private static final long RESEND_AFTER_NANOS = 10_000_000_000L;
    /** Like the web client: a send shed as overloaded goes again by itself at most this often. */
    private static final int OVERLOAD_RETRIES = 3;

    /** A message this tab sent and had acknowledged. */
    record Ack(String roomId, long seq, String clientMsgId, long atNanos) {
    }

    private record Pending(String text, long lastSentNanos, int overloadRetries) {
        Pending(String text, long lastSentNanos) {
            this(text, lastSentNanos, 0);
        }
    }

    final String name;
    final String roomId;
    private final Api.Session session;
    private final Supplier<List<String>> gateways;
    private final WebSocketClient client = VERTX.createWebSocketClient();
    private volatile WebSocket socket;
    private volatile String gateway;
    private volatile boolean stopped;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    final List<Ack> acks = new CopyOnWriteArrayList<>();
    final List<String> violations = new CopyOnWriteArrayList<>();
    /** Every seq of the room this tab has been sent, over all its connections. */
    private final Set<Long> seen = ConcurrentHashMap.newKeySet();
    /** This connection's: seqs sent on it, the highest, and whether its resume is done. */
    private Set<Long> seenOnConnection = new HashSet<>();
    private long highestOnConnection;
    private boolean resumed;
    volatile long welcomes;
    volatile long lastWelcomeNanos;

    FaultClient(String name, Api.Session session, String roomId, String gateway, Supplier<List<String>> gateways) {
        this.name = name;
        this.session = session;
        this.roomId = roomId;
        this.gateway = gateway;
        this.gateways = gateways;
    }

    void connect() {
        if (stopped) {
            return;
        }
        URI uri = URI.create(gateway);
        WebSocketConnectOptions options = new WebSocketConnectOptions().setHost(uri.getHost()).setPort(uri.getPort()).setURI("/ws")
                .addHeader("Authorization", "Bearer " + session.accessToken());
        client.connect(options).onSuccess(opened -> {
            synchronized (this) {
                socket = opened;
                seenOnConnection = new HashSet<>();
                highestOnConnection = 0;
                resumed = false;
            }
            opened.textMessageHandler(this::onFrame);
            opened.exceptionHandler(failure -> {
            });
            opened.closeHandler(v -> reconnectSoon());
        }).onFailure(failure -> {
            // This gateway is gone: the next one alive.
            List<String> alive = gateways.get();
            if (!alive.isEmpty()) {
                gateway = alive.get((alive.indexOf(gateway) + 1) % alive.size());
            }
            reconnectSoon();
        });
    }

    private void reconnectSoon() {
        socket = null;
        if (!stopped) {
            VERTX.setTimer(300 + (long) (Math.random() * 300), id -> connect());
        }
    }

    /** Sends a new message; it stays pending until acknowledged. */
    void sendNew() {
        String clientMsgId = name + "-" + UUID.randomUUID();
        String text = "m " + clientMsgId;
        pending.put(clientMsgId, new Pending(text, System.nanoTime()));
        write(clientMsgId, text);
    }

    /** Sends again what has waited too long for its ack (the ack may have been lost with a connection or a service). */
    void resendOverdue(long now) {
        pending.forEach((clientMsgId, waiting) -> {
            if (now - waiting.lastSentNanos() > RESEND_AFTER_NANOS) {
                pending.put(clientMsgId, new Pending(waiting.text(), now));
                write(clientMsgId, waiting.text());
            }
        });
    }

    int pendingCount() {
        return pending.size();
    }

    Set<Long> seen() {
        return seen;
    }

    boolean isConnected() {
        return socket != null;
    }

    void stop() {
        stopped = true;
        WebSocket open = socket;
        if (open != null) {
            open.close();
        }
    }

    private void write(String clientMsgId, String text) {
        WebSocket open = socket;
        if (open != null) {
            open.writeTextMessage(json(Map.of("type", "send", "roomId", roomId, "clientMsgId", clientMsgId, "text", text)));
        }
    }

    private void onFrame(String text) {
        JsonNode frame;
        try {
            frame = MAPPER.readTree(text);
        } catch (Exception e) {
            violations.add(name + ": a frame that is not JSON");
            return;
        }
        switch (frame.path("type").asText()) {
            case "welcome" -> onWelcome();
            case "message" -> {
                if (roomId.equals(frame.path("roomId").asText())) {
                    onMessage(frame.path("seq").asLong());
                }
            }
            case "resumed" -> {
                synchronized (this) {
                    resumed = true;
                }
            }
            case "ack" -> {
                String clientMsgId = frame.path("clientMsgId").asText();
                if (pending.remove(clientMsgId) != null) {
                    acks.add(new Ack(frame.path("roomId").asText(), frame.path("seq").asLong(), clientMsgId, System.nanoTime()));
                }
            }
            case "error" -> onError(frame);
            default -> {
                // Presence, typing, members: not checked here.
            }
        }
    }

    /** A send shed as overloaded: sent again after the wait the server named, a few times, as the web client does. */
    private void onError(JsonNode frame) {
        String clientMsgId = frame.path("ref").asText();
        Pending waiting = pending.get(clientMsgId);
        if (waiting != null && "overloaded".equals(frame.path("code").asText()) && waiting.overloadRetries() < OVERLOAD_RETRIES) {
            pending.put(clientMsgId, new Pending(waiting.text(), waiting.lastSentNanos(), waiting.overloadRetries() + 1));
            long wait = frame.path("retryAfterMs").asLong(1000);
            VERTX.setTimer(Math.max(1, (long) (wait * (1 + Math.random() / 4))), id -> {
                Pending still = pending.get(clientMsgId);
                if (still != null) {
                    pending.put(clientMsgId, new Pending(still.text(), System.nanoTime(), still.overloadRetries()));
                    write(clientMsgId, still.text());
                }
            });
        }
    }

    private void onWelcome() {
        welcomes++;
        lastWelcomeNanos = System.nanoTime();
        long from = contiguous();
        synchronized (this) {
            // The resume sends what follows this: once resumed, the connection's next message is the one after.
            highestOnConnection = Math.max(highestOnConnection, from);
        }
        WebSocket open = socket;
        if (open != null) {
            open.writeTextMessage(json(Map.of("type", "resume", "positions", Map.of(roomId, from))));
            // Everything not yet acknowledged goes again at once on the new connection, as the web client does.
            pending.forEach((clientMsgId, waiting) -> write(clientMsgId, waiting.text()));
        }
    }

    private synchronized void onMessage(long seq) {
        if (!seenOnConnection.add(seq)) {
            violations.add(name + ": seq " + seq + " twice on one connection");
        } else if (resumed && seq != highestOnConnection + 1 && seq > highestOnConnection) {
            violations.add(name + ": seq " + seq + " after " + highestOnConnection + " once resumed (a gap or out of order)");
        }
        highestOnConnection = Math.max(highestOnConnection, seq);
        seen.add(seq);
    }

    /** The highest seq up to which this tab has every message. */
    long contiguous() {
        long seq = 0;
        while (seen.contains(seq + 1)) {
            seq++;
        }
        return seq;
    }

    List<Long> missing(Set<Long> expected) {
        List<Long> missing = new ArrayList<>();
        for (Long seq : expected) {
            if (!seen.contains(seq)) {
                missing.add(seq);
            }
        }
        return missing;
    }

    private static String json(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
