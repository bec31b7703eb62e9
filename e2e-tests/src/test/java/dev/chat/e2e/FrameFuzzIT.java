package dev.chat.e2e;

import static dev.chat.e2e.WsClient.type;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.LongStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.RestAssured;

/**
 * Thousands of random and mutated frames against a live gateway: bad JSON, wrong types, huge numbers, deep nesting,
 * odd Unicode, oversized frames, every frame type with every field wrong. Nothing may crash the gateway, flood its log
 * with errors, or close the fuzzing connection; a good connection on the same gateway keeps getting its room's messages
 * in order, and one that sends bytes that are not UTF-8 is closed alone.
 */
class FrameFuzzIT {

    private static final long SEED = Long.getLong("fuzz.seed", 20261201L);
    private static final int FRAMES = 3000;
    private static final String[] TYPES = {"send", "read", "typing", "resume", "ping", "sketch.stroke", "sketch.draw",
        "sketch.undo", "sketch.redo", "sketch.clear", "sketch.resume", "edit", "", "SEND", "welcome", "message"};

    static RunningSystem system;
    static Api api;

    @BeforeAll
    static void start() throws Exception {
        system = RunningSystem.get();
        api = new Api(system.gatewayUrl());
    }

    @Test
    void randomAndMutatedFramesHurtNobody() throws Exception {
        Api.Session owner = api.newUser("fzown");
        Api.Session fuzzer = api.newUser("fzfuzz");
        String roomId = api.createRoom(owner, "fuzz ");
        api.join(fuzzer, roomId);
        Path log = system.service("gateway-service").logFile();
        long errorsBefore = errorLines(log);
        Random random = new Random(SEED);
        int sentByOwner = 0;
        try (WsClient good = WsClient.connect(system.gatewayUrl(), owner.accessToken());
                WsClient fuzz = WsClient.connect(system.gatewayUrl(), fuzzer.accessToken())) {
            for (int i = 0; i < FRAMES; i++) {
                fuzz.send(frame(random, roomId));
                if (i % 300 == 0) {
                    api.postMessage(owner, roomId, "fz-" + i, "still in order " + i);
                    sentByOwner++;
                }
            }
            fuzz.send(Map.of("type", "ping"));
            fuzz.await(type("pong"), Duration.ofSeconds(60));
            assertFalse(fuzz.isClosed(), "bad frames never close the connection (seed " + SEED + ")");
            assertTrue(fuzz.frames(type("error")).size() > FRAMES / 2, "bad frames are answered with error frames");

            // The good connection got its room's messages once, in order, with no gap (the fuzzer's valid sends too).
            long stored = api.as(owner.accessToken()).get("/api/rooms/" + roomId).then().statusCode(200).extract()
                    .<Number>path("lastSeq").longValue();
            assertTrue(stored >= sentByOwner);
            good.await(f -> good.seqs(roomId).size() >= stored, Duration.ofSeconds(30));
            assertEquals(LongStream.rangeClosed(1, stored).boxed().toList(), good.seqs(roomId), "seed " + SEED);
            assertFalse(good.isClosed());
        }
        // A text frame whose bytes are not UTF-8: answered like any frame that is not JSON (or, had the transport
        // refused it, a close of that connection alone, 1007); never a crash, never another connection.
        try (RawWebSocket raw = RawWebSocket.connect(system.gatewayUrl(), fuzzer.accessToken(), 65536)) {
            String welcome = raw.readTextOrClose(Duration.ofSeconds(10));
            assertTrue(welcome != null && welcome.contains("\"welcome\""), String.valueOf(welcome));
            raw.send(RawWebSocket.TEXT, new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, (byte) 0xFF, '"', '}'});
            String answer = raw.readTextOrClose(Duration.ofSeconds(10));
            assertTrue(answer != null && (answer.contains("\"invalid_frame\"") || answer.equals("close:1007")), String.valueOf(answer));
        }
        RestAssured.given().get(system.gatewayUrl() + "/q/health/ready").then().statusCode(200);
        long newErrors = errorLines(log) - errorsBefore;
        assertTrue(newErrors < 10, newErrors + " ERROR lines in the gateway's log for " + FRAMES + " bad frames");
    }

    private static long errorLines(Path log) throws Exception {
        try (var lines = Files.lines(log, StandardCharsets.UTF_8)) {
            return lines.filter(line -> line.contains(" ERROR ")).count();
        }
    }

    /** One frame: mostly a frame type with its fields mutated, sometimes plain junk. */
    private static String frame(Random random, String roomId) {
        switch (random.nextInt(12)) {
            case 0:
                return junk(random, 1 + random.nextInt(200));
            case 1:
                return "[".repeat(500 + random.nextInt(5000)) + "]".repeat(random.nextInt(3));
            case 2:
                return "{\"type\":\"send\",\"roomId\":\"" + roomId + "\",\"clientMsgId\":\"" + UUID.randomUUID()
                        + "\",\"text\":\"" + "x".repeat(70_000) + "\"}";
            case 3:
                return "{\"type\":\"send\",\"pad\":" + "9".repeat(2000 + random.nextInt(5000)) + "}";
            default:
                break;
        }
        StringBuilder json = new StringBuilder("{");
        json.append("\"type\":").append(random.nextInt(10) == 0 ? value(random, roomId) : quote(pick(random, TYPES)));
        String[] fields = {"roomId", "clientMsgId", "text", "seq", "positions", "strokeId", "color", "width", "points", "afterSeq"};
        for (String field : fields) {
            if (random.nextBoolean()) {
                json.append(",\"").append(field).append("\":").append(field.equals("roomId") && random.nextBoolean()
                        ? quote(roomId) : value(random, roomId));
            }
        }
        String text = json.append('}').toString();
        if (random.nextInt(8) == 0) {
            // Cut short or with a byte changed: not JSON any more, or JSON with something else in it.
            int at = random.nextInt(text.length());
            text = random.nextBoolean() ? text.substring(0, at)
                    : text.substring(0, at) + (char) random.nextInt(0x3000) + text.substring(at);
        }
        return text;
    }

    private static String value(Random random, String roomId) {
        return switch (random.nextInt(16)) {
            case 0 -> "null";
            case 1 -> "true";
            case 2 -> Long.toString(random.nextLong());
            case 3 -> "1e" + random.nextInt(100_000);
            case 4 -> "-0.0000000000000000000001";
            case 5 -> "9223372036854775808";
            case 6 -> "[]";
            case 7 -> "{}";
            case 8 -> "[[" + random.nextInt(20_000) + "," + (random.nextDouble() * 1e9) + "],[\"a\",null]]";
            case 9 -> "{\"" + roomId + "\":" + random.nextInt(100) + ",\"x\":-5}";
            case 10 -> quote(junk(random, random.nextInt(300)));
            case 11 -> quote("\\u0000\\u202e" + "é".repeat(random.nextInt(50)));
            case 12 -> "\"#" + Integer.toHexString(random.nextInt()) + "\"";
            case 13 -> quote(UUID.randomUUID().toString());
            case 14 -> "[" + "[1,2],".repeat(random.nextInt(3000)) + "[1,2]]";
            default -> "\"" + "\\ud83d".repeat(1 + random.nextInt(5)) + "\"";
        };
    }

    private static String junk(Random random, int length) {
        StringBuilder junk = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            int kind = random.nextInt(4);
            junk.append(kind == 0 ? (char) random.nextInt(0x20) : kind == 1 ? (char) (0x20 + random.nextInt(0x5f))
                    : kind == 2 ? "{}[]\",:\\".charAt(random.nextInt(8)) : (char) (0xA0 + random.nextInt(0x2000)));
        }
        return junk.toString();
    }

    private static String quote(String value) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            if (c == '"' || c == '\\') {
                quoted.append('\\').append(c);
            } else if (c < 0x20) {
                quoted.append(String.format("\\u%04x", (int) c));
            } else {
                quoted.append(c);
            }
        }
        return quoted.append('"').toString();
    }

    private static String pick(Random random, String[] values) {
        return values[random.nextInt(values.length)];
    }
}
