package dev.chat.bench;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.HashMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.netty.handler.codec.http.QueryStringDecoder;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;

/**
 * BENCHMARK FIXTURE, not part of the product: the single-process chat server a user might pick instead of
 * ours. Plain Vert.x, rooms in memory, no Kafka, no database, no auth; it speaks the same frames
 * (welcome, send -> ack + message with a per-room seq, resume from an in-memory log of each room's recent
 * messages) so the same generator drives both.
 *
 * <p>A minimal canvas per room for S7, in memory: {@code sketch.stroke} takes the canvas's next seq (a resent strokeId
 * gets its stored seq and nothing is sent), is acknowledged with {@code sketch.ack} and goes to every member as
 * {@code sketch.stroke}; {@code sketch.draw} goes to the other members as it came, with the author's userId. No
 * validation, no point budget, no undo, redo, clear or canvas resume.
 *
 * <p>{@code /ws?user=<name>&rooms=<id,id>}; argument: the port.
 */
public final class PeerServer {

    static final String READY = "PEER_READY";

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Map<String, Room> ROOMS = new ConcurrentHashMap<>();

    /** How many recent messages of a room a resume can replay. */
    private static final int LOG_SIZE = 20_000;

    private static final class Room {
        long seq;
        /** Each member connection, with its user. */
        final Map<ServerWebSocket, String> members = new ConcurrentHashMap<>();
        /** The canvas: its last seq and the seq of each stored strokeId. */
        long canvasSeq;
        final Map<String, Long> strokes = new HashMap<>();
        /** The newest messages as sent, oldest first; log.get(i) has seq firstLogged + i. */
        final ArrayDeque<String> log = new ArrayDeque<>();
        long firstLogged = 1;
    }

    private PeerServer() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        Vertx vertx = Vertx.vertx();
        CountDownLatch started = new CountDownLatch(1);
        boolean[] listening = new boolean[1];
        vertx.deployVerticle(() -> new Endpoint(port), new DeploymentOptions().setInstances(Runtime.getRuntime().availableProcessors()))
                .onComplete(result -> {
                    listening[0] = result.succeeded();
                    if (result.failed()) {
                        result.cause().printStackTrace();
                    }
                    started.countDown();
                });
        started.await();
        if (!listening[0]) {
            System.exit(1);
        }
        System.out.println(READY);
        System.out.flush();
    }

    static final class Endpoint extends AbstractVerticle {
        private final int port;

        Endpoint(int port) {
            this.port = port;
        }

        /** Deployed only once listening: READY must mean connections are accepted. */
        @Override
        public void start(Promise<Void> started) {
            vertx.createHttpServer().webSocketHandler(this::accept).listen(port, "127.0.0.1")
                    .onComplete(result -> {
                        if (result.succeeded()) {
                            started.complete();
                        } else {
                            started.fail(result.cause());
                        }
                    });
        }

        private void accept(ServerWebSocket socket) {
            var params = new QueryStringDecoder(socket.uri()).parameters();
            String user = params.getOrDefault("user", List.of("anonymous")).get(0);
            List<String> roomIds = params.containsKey("rooms") ? List.of(params.get("rooms").get(0).split(",")) : List.of();
            List<Map<String, Object>> positions = new ArrayList<>();
            for (String roomId : roomIds) {
                Room room = ROOMS.computeIfAbsent(roomId, id -> new Room());
                room.members.put(socket, user);
                synchronized (room) {
                    positions.add(Map.of("roomId", roomId, "lastSeq", room.seq));
                }
            }
            socket.closeHandler(v -> roomIds.forEach(id -> ROOMS.get(id).members.remove(socket)));
            socket.writeTextMessage(json(Map.of("type", "welcome", "user", Map.of("id", user, "username", user), "rooms", positions)));
            Map<String, Long> welcomed = new ConcurrentHashMap<>();
            positions.forEach(p -> welcomed.put((String) p.get("roomId"), (Long) p.get("lastSeq")));
            socket.textMessageHandler(text -> onFrame(socket, user, roomIds, welcomed, text));
        }

        private void onFrame(ServerWebSocket socket, String user, List<String> roomIds, Map<String, Long> welcomed, String text) {
            JsonNode frame;
            try {
                frame = MAPPER.readTree(text);
            } catch (Exception e) {
                socket.writeTextMessage("{\"type\":\"error\",\"code\":\"invalid_frame\"}");
                return;
            }
            String type = frame.path("type").asText();
            if ("ping".equals(type)) {
                socket.writeTextMessage("{\"type\":\"pong\"}");
                return;
            }
            if ("resume".equals(type)) {
                resume(socket, welcomed, frame.path("positions"));
                return;
            }
            if (("sketch.draw".equals(type) || "sketch.stroke".equals(type)) && roomIds.contains(frame.path("roomId").asText())) {
                sketch(socket, user, type, (ObjectNode) frame);
                return;
            }
            if (!"send".equals(type) || !roomIds.contains(frame.path("roomId").asText())) {
                socket.writeTextMessage("{\"type\":\"error\",\"code\":\"unknown_type\"}");
                return;
            }
            String roomId = frame.get("roomId").asText();
            Room room = ROOMS.get(roomId);
            String createdAt = Instant.now().toString();
            String id = UUID.randomUUID().toString();
            synchronized (room) {
                long seq = ++room.seq;
                ObjectNode message = MAPPER.createObjectNode().put("type", "message").put("id", id).put("roomId", roomId)
                        .put("seq", seq);
                message.putObject("sender").put("id", user).put("username", user);
                message.put("text", frame.path("text").asText()).put("kind", "user")
                        .put("clientMsgId", frame.path("clientMsgId").asText()).put("createdAt", createdAt);
                String out = message.toString();
                room.log.addLast(out);
                if (room.log.size() > LOG_SIZE) {
                    room.log.removeFirst();
                    room.firstLogged++;
                }
                socket.writeTextMessage(json(Map.of("type", "ack", "clientMsgId", frame.path("clientMsgId").asText(),
                        "roomId", roomId, "seq", seq, "messageId", id, "createdAt", createdAt)));
                for (ServerWebSocket member : room.members.keySet()) {
                    member.writeTextMessage(out);
                }
            }
        }

        /** A preview to the other members; a stroke sequenced on the room's canvas, acked, and sent to every member. */
        private void sketch(ServerWebSocket socket, String user, String type, ObjectNode frame) {
            String roomId = frame.get("roomId").asText();
            String strokeId = frame.path("strokeId").asText();
            Room room = ROOMS.get(roomId);
            if ("sketch.draw".equals(type)) {
                ObjectNode draw = MAPPER.createObjectNode().put("type", "sketch.draw").put("roomId", roomId).put("strokeId", strokeId)
                        .put("userId", user).put("color", frame.path("color").asText()).put("width", frame.path("width").asInt());
                draw.set("points", frame.get("points"));
                String out = draw.toString();
                room.members.forEach((member, memberUser) -> {
                    if (!memberUser.equals(user)) {
                        member.writeTextMessage(out);
                    }
                });
                return;
            }
            synchronized (room) {
                Long stored = room.strokes.get(strokeId);
                if (stored != null) {
                    socket.writeTextMessage(json(Map.of("type", "sketch.ack", "roomId", roomId, "strokeId", strokeId, "seq", stored)));
                    return;
                }
                long seq = ++room.canvasSeq;
                room.strokes.put(strokeId, seq);
                ObjectNode stroke = MAPPER.createObjectNode().put("type", "sketch.stroke").put("roomId", roomId).put("seq", seq)
                        .put("strokeId", strokeId).put("userId", user).put("color", frame.path("color").asText())
                        .put("width", frame.path("width").asInt());
                stroke.set("points", frame.get("points"));
                stroke.put("createdAt", Instant.now().toString());
                String out = stroke.toString();
                socket.writeTextMessage(json(Map.of("type", "sketch.ack", "roomId", roomId, "strokeId", strokeId, "seq", seq)));
                for (ServerWebSocket member : room.members.keySet()) {
                    member.writeTextMessage(out);
                }
            }
        }
    }

    /**
     * Replays each room's messages after the client's position up to what the welcome announced; later ones
     * reached this connection live.
     */
    private static void resume(ServerWebSocket socket, Map<String, Long> welcomed, JsonNode positions) {
        for (var entry : welcomed.entrySet()) {
            long after = positions.path(entry.getKey()).asLong(entry.getValue());
            Room room = ROOMS.get(entry.getKey());
            synchronized (room) {
                long seq = room.firstLogged;
                for (String message : room.log) {
                    if (seq > after && seq <= entry.getValue()) {
                        socket.writeTextMessage(message);
                    }
                    seq++;
                }
            }
        }
        socket.writeTextMessage("{\"type\":\"resumed\"}");
    }

    private static String json(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
