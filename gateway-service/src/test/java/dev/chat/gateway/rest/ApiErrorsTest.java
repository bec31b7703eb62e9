package dev.chat.gateway.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chat.contracts.Operation;
import dev.chat.contracts.Topics;
import dev.chat.deploy.local.RealInfrastructureResource;
import dev.chat.deploy.local.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * The gateway's own answers to calls it cannot pass on (issue 12): each is a problem with a code and one line a person
 * understands. A stand-in chat-service on Kafka shows what the gateway forwards when it does pass a call on.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructureResource.class, initArgs = @ResourceArg(name = "service", value = "gateway-service"))
class ApiErrorsTest {

    private static final String PROBLEM = "application/problem+json";
    private static FakeService chat;

    private final String roomId = UUID.randomUUID().toString();

    @BeforeAll
    static void fakeChatService() throws InterruptedException {
        chat = new FakeService(RealInfrastructureResource.shared().kafkaBootstrapServers(), Topics.CHAT_COMMANDS, Topics.CHAT_REPLIES,
                request -> {
                    String op = request.path("op").asText();
                    if (op.equals(Operation.ROOMS_JOIN.wireName())) {
                        return FakeService.reply(200, "{\"status\":\"member\"}");
                    }
                    if (op.equals(Operation.ROOMS_POSITIONS.wireName())) {
                        return FakeService.reply(200, "[]");
                    }
                    return FakeService.reply(404, "{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404,"
                            + "\"detail\":\"not in this test\",\"code\":\"not_found\"}");
                });
    }

    @AfterAll
    static void stopFake() throws InterruptedException {
        chat.close();
    }

    static String token() throws Exception {
        Instant now = Instant.now();
        return TestTokens.signed(RealInfrastructureResource.shared().jwtKeys().privateKey(),
                TestTokens.claims(UUID.randomUUID().toString(), "alice", UUID.randomUUID().toString(), now, now.plusSeconds(900)));
    }

    // ---- an optional body ----

    /** RestAssured names a form Content-Type for a POST without body; with no body there is nothing of the wrong type. */
    @Test
    void joinWithNoBodyIsAJoinWithoutPassword() throws Exception {
        given().auth().oauth2(token()).when().post("/api/rooms/" + roomId + "/join")
                .then().statusCode(200).contentType(startsWith("application/json")).body("status", equalTo("member"));
        JsonNode forwarded = chat.nextRequest(Operation.ROOMS_JOIN.wireName());
        assertEquals(Operation.ROOMS_JOIN.wireName(), forwarded.path("op").asText());
        assertEquals(roomId, forwarded.path("body").path("roomId").asText());
        assertTrue(forwarded.path("body").path("password").isNull(), forwarded.toString());
    }

    /** Exactly what {@code curl -X POST} sends: no Content-Type, no Content-Length, no body. */
    @Test
    void joinAsCurlSendsItIsAJoinToo() throws Exception {
        String answer = raw("POST /api/rooms/" + roomId + "/join HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token()
                + "\r\nConnection: close\r\n\r\n");
        assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
        assertTrue(answer.contains("{\"status\":\"member\"}"), answer);
        assertTrue(chat.nextRequest(Operation.ROOMS_JOIN.wireName()).path("body").path("password").isNull());
    }

    @Test
    void joinWithAnEmptyJsonBodyOrAPasswordWorksAsBefore() throws Exception {
        given().auth().oauth2(token()).contentType("application/json").when().post("/api/rooms/" + roomId + "/join")
                .then().statusCode(200).body("status", equalTo("member"));
        assertTrue(chat.nextRequest(Operation.ROOMS_JOIN.wireName()).path("body").path("password").isNull());
        given().auth().oauth2(token()).contentType("application/json").body("{\"password\":\"open sesame\"}")
                .when().post("/api/rooms/" + roomId + "/join")
                .then().statusCode(200).body("status", equalTo("member"));
        assertEquals("open sesame", chat.nextRequest(Operation.ROOMS_JOIN.wireName()).path("body").path("password").asText());
    }

    // ---- a body that is not JSON ----

    @Test
    void aBodyOfAnotherTypeIs415WithOneLine() {
        given().contentType("text/plain").body("alice:secret").when().post("/api/auth/login")
                .then().statusCode(415)
                .contentType(startsWith(PROBLEM))
                .body("code", equalTo("unsupported_media_type"))
                .body("status", equalTo(415))
                .body("title", equalTo("Unsupported Media Type"))
                .body("detail", allOf(containsString("Content-Type: application/json"), containsString("text/plain"),
                        not(containsString("\n"))));
    }

    @Test
    void aJoinWithABodyOfAnotherTypeIs415() throws Exception {
        given().auth().oauth2(token()).contentType("text/plain").body("open sesame").when().post("/api/rooms/" + roomId + "/join")
                .then().statusCode(415).contentType(startsWith(PROBLEM)).body("code", equalTo("unsupported_media_type"));
    }

    @Test
    void invalidJsonSaysWhereAndWhat() {
        given().contentType("application/json").body("{\"username\": \"alice\",\n \"password\" secret}")
                .when().post("/api/auth/login")
                .then().statusCode(400)
                .contentType(startsWith(PROBLEM))
                .body("code", equalTo("validation_failed"))
                .body("errors[0].field", equalTo("body"))
                .body("errors[0].message", allOf(startsWith("not valid JSON at line 2, column"), containsString("expecting a colon")))
                .body("detail", allOf(startsWith("body: not valid JSON at line 2"), not(containsString("Source")),
                        not(containsString("HTTP 400"))));
    }

    @Test
    void jsonThatEndsEarlySaysSo() {
        given().contentType("application/json").body("{\"username\": \"alice\"")
                .when().post("/api/auth/login")
                .then().statusCode(400)
                .body("code", equalTo("validation_failed"))
                .body("errors[0].message", allOf(containsString("end-of-input"), not(containsString("REDACTED"))));
    }

    // ---- paths and methods the API does not have ----

    @Test
    void anUnknownPathUnderApiIs404InTheProblemShape() throws Exception {
        given().when().get("/api/nothing/here")
                .then().statusCode(404)
                .contentType(startsWith(PROBLEM))
                .body("code", equalTo("not_found"))
                .body("detail", equalTo("no such endpoint: GET /api/nothing/here; the API is described at /q/openapi"));
        given().auth().oauth2(token()).when().post("/api/rooms/" + roomId + "/nothing")
                .then().statusCode(404).contentType(startsWith(PROBLEM)).body("code", equalTo("not_found"));
    }

    @Test
    void aMethodThePathDoesNotTakeIs405() throws Exception {
        given().auth().oauth2(token()).when().put("/api/rooms")
                .then().statusCode(405)
                .contentType(startsWith(PROBLEM))
                .header("Allow", containsString("POST"))
                .body("code", equalTo("method_not_allowed"))
                .body("detail", equalTo("/api/rooms does not take PUT; it takes GET, POST"));
    }

    @Test
    void anAcceptHeaderWithoutJsonIs406() throws Exception {
        given().auth().oauth2(token()).accept("text/html").when().get("/api/users/me")
                .then().statusCode(406)
                .contentType(startsWith(PROBLEM))
                .body("code", equalTo("not_acceptable"));
    }

    // ---- /ws without a WebSocket ----

    @Test
    void plainGetOfTheSocketPathIs426SayingToOpenAWebSocket() {
        given().when().get("/ws")
                .then().statusCode(426)
                .contentType(startsWith(PROBLEM))
                .header("Upgrade", equalTo("websocket"))
                .body("code", equalTo("upgrade_required"))
                .body("title", equalTo("Upgrade Required"))
                .body("detail", containsString("open it with a WebSocket client"));
        given().when().get("/ws?access_token=whatever").then().statusCode(426).body("code", equalTo("upgrade_required"));
    }

    @Test
    void aWebSocketUpgradeStillReachesTheSocket() throws Exception {
        URI socket = URI.create("ws://localhost:" + RestAssured.port + "/ws");
        HttpClient client = HttpClient.newHttpClient();
        // Without a token the upgrade is refused by the socket's own check (401), not by the 426 answer.
        CompletionException refused = assertThrows(CompletionException.class,
                () -> client.newWebSocketBuilder().buildAsync(socket, new WebSocket.Listener() { }).join());
        assertTrue(refused.getCause() instanceof WebSocketHandshakeException, refused.toString());
        assertEquals(401, ((WebSocketHandshakeException) refused.getCause()).getResponse().statusCode());

        CompletableFuture<String> firstFrame = new CompletableFuture<>();
        WebSocket open = client.newWebSocketBuilder().header("Authorization", "Bearer " + token())
                .buildAsync(socket, new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        firstFrame.complete(data.toString());
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
        try {
            assertTrue(firstFrame.get(10, TimeUnit.SECONDS).contains("\"type\":\"welcome\""));
        } finally {
            open.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(10, TimeUnit.SECONDS);
        }
    }

    /** One HTTP/1.1 exchange over a plain socket, for requests a client library would not send as they are. */
    private static String raw(String request) throws Exception {
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            in.transferTo(answer);
            return answer.toString(StandardCharsets.UTF_8);
        }
    }
}
