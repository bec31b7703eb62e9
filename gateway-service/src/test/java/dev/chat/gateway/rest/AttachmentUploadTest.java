package dev.chat.gateway.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.chat.contracts.CommandSignature;
import dev.chat.contracts.InternalRequest;
import dev.chat.deploy.local.RealInfrastructureResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;

/**
 * The gateway's side of attachments, against a stand-in for chat-service's HTTP port that checks every call's signature
 * as chat-service does: an upload bigger than the API's 64 KiB gets through whole and signed for its bytes, one past
 * 5 MiB is refused while it streams and never forwarded, and an image is served with the headers that keep it private.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructureResource.class, initArgs = @ResourceArg(name = "service", value = "gateway-service"))
class AttachmentUploadTest {

    private static final int FAKE_PORT = 18382;
    private static final int MAX = 5 * 1024 * 1024;
    private static final String BOUNDARY = "----chatboundary";
    private static final byte[] IMAGE = new byte[100];
    private static final ObjectMapper JSON = new ObjectMapper();
    /** What the stand-in received, by operation: the signed request's JSON and the body. */
    private static final Map<String, byte[]> RECEIVED = new ConcurrentHashMap<>();
    private static final Map<String, InternalRequest> REQUESTS = new ConcurrentHashMap<>();
    /** Reads of this image are held by the stand-in until the test lets them go. */
    private static final String HELD_ID = UUID.randomUUID().toString();
    private static final List<Runnable> HELD = new ArrayList<>();
    private static Vertx vertx;
    private static HttpServer server;
    private static volatile CommandSignature verifier;

    @ConfigProperty(name = "chat.command-signing.secrets")
    List<String> secrets;

    static {
        for (int i = 0; i < IMAGE.length; i++) {
            IMAGE[i] = (byte) i;
        }
    }

    @BeforeAll
    static void standInForChatService() throws Exception {
        vertx = Vertx.vertx();
        server = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> answer(request, body)))
                .listen(FAKE_PORT, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        vertx.close();
    }

    @BeforeEach
    void clear() {
        verifier = CommandSignature.fromSecrets(secrets);
        RECEIVED.clear();
        REQUESTS.clear();
    }

    private static void answer(HttpServerRequest request, Buffer body) {
        try {
            String json = new String(Base64.getUrlDecoder().decode(request.getHeader(InternalRequest.HEADER)), StandardCharsets.UTF_8);
            if (!verifier.verifies(json, Base64.getUrlDecoder().decode(request.getHeader(InternalRequest.SIGNATURE)))) {
                request.response().setStatusCode(401).end();
                return;
            }
            InternalRequest signed = JSON.readValue(json, InternalRequest.class);
            if (!InternalRequest.sha256(body.getBytes()).equals(signed.bodySha256())) {
                request.response().setStatusCode(401).end();
                return;
            }
            REQUESTS.put(signed.op(), signed);
            RECEIVED.put(signed.op(), body.getBytes());
            if (InternalRequest.UPLOAD.equals(signed.op())) {
                request.response().setStatusCode(201).putHeader("Content-Type", "application/json")
                        .end("{\"attachmentId\":\"" + UUID.randomUUID() + "\",\"size\":" + body.length() + "}");
                return;
            }
            String etag = "\"" + signed.attachmentId() + "-" + signed.variant() + "\"";
            request.response().putHeader("ETag", etag);
            if (etag.equals(request.getHeader("If-None-Match"))) {
                request.response().setStatusCode(304).end();
                return;
            }
            Runnable respond = () -> request.response().putHeader("Content-Type", "image/png")
                    .putHeader("X-Attachment-Filename", signed.attachmentId() + ".png").end(Buffer.buffer(IMAGE));
            if (HELD_ID.equals(signed.attachmentId())) {
                // Let go later on this request's own event loop.
                Context context = Vertx.currentContext();
                synchronized (HELD) {
                    HELD.add(() -> context.runOnContext(v -> respond.run()));
                }
                return;
            }
            respond.run();
        } catch (Exception e) {
            request.response().setStatusCode(500).end(e.toString());
        }
    }

    private static byte[] multipart(String part, byte[] file) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + part + "\"; filename=\"a.png\"\r\n"
                + "Content-Type: image/png\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(file);
        out.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private static String path(String roomId) {
        return "/api/rooms/" + roomId + "/attachments";
    }

    @Test
    void anUploadOverTheApisBodyLimitReachesChatServiceWholeAndSigned() throws Exception {
        String token = TokenChecksTest.validToken(UUID.randomUUID().toString());
        String roomId = UUID.randomUUID().toString();
        byte[] file = new byte[300 * 1024];
        file[12345] = 7;
        given().auth().oauth2(token).contentType("multipart/form-data; boundary=" + BOUNDARY).body(multipart("file", file))
                .when().post(path(roomId))
                .then().statusCode(201).body("size", equalTo(file.length));

        assertArrayEquals(file, RECEIVED.get(InternalRequest.UPLOAD), "the file part's bytes, nothing of the envelope");
        InternalRequest signed = REQUESTS.get(InternalRequest.UPLOAD);
        assertEquals(roomId, signed.roomId());
        assertEquals("alice", signed.caller().username());
        assertTrue(signed.deadline() > System.currentTimeMillis(), "a deadline ahead");
    }

    @Test
    void anUploadPastTheLimitIsRefusedWhileItStreamsAndNeverForwarded() throws Exception {
        String token = TokenChecksTest.validToken(UUID.randomUUID().toString());
        // Chunked, so no length announces it: counted as it comes, refused once past 5 MiB.
        String answer = chunkedUpload(token, MAX + 64 * 1024);
        assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
        assertTrue(answer.contains("\"code\":\"payload_too_large\""), answer);
        assertTrue(RECEIVED.isEmpty(), "nothing reached chat-service");

        given().auth().oauth2(token).contentType("multipart/form-data; boundary=" + BOUNDARY)
                .body(multipart("file", new byte[MAX + 20 * 1024]))
                .when().post(path(UUID.randomUUID().toString()))
                .then().statusCode(413).contentType(startsWith("application/problem+json"));
        assertTrue(RECEIVED.isEmpty(), "nothing reached chat-service");
    }

    @Test
    void whatIsNotAnUploadIsRefusedWithTheContractsErrors() throws Exception {
        String token = TokenChecksTest.validToken(UUID.randomUUID().toString());
        String roomId = UUID.randomUUID().toString();
        given().contentType("multipart/form-data; boundary=" + BOUNDARY).body(multipart("file", IMAGE))
                .when().post(path(roomId)).then().statusCode(401).body("code", equalTo("unauthorized"));
        given().auth().oauth2(token).contentType("image/png").body(IMAGE)
                .when().post(path(roomId)).then().statusCode(415).body("code", equalTo("unsupported_media_type"));
        given().auth().oauth2(token).contentType("multipart/form-data; boundary=" + BOUNDARY).body(multipart("picture", IMAGE))
                .when().post(path(roomId)).then().statusCode(400).body("errors[0].field", equalTo("file"));
        given().auth().oauth2(token).contentType("multipart/form-data; boundary=" + BOUNDARY).body(multipart("file", IMAGE))
                .when().post(path("not-a-room")).then().statusCode(400).body("errors[0].field", equalTo("roomId"));
        assertTrue(RECEIVED.isEmpty(), "nothing reached chat-service");
    }

    @Test
    void anImageIsServedPrivatelyRevalidatedAndByRange() throws Exception {
        String token = TokenChecksTest.validToken(UUID.randomUUID().toString());
        String id = UUID.randomUUID().toString();
        String etag = "\"" + id + "-original\"";
        given().auth().oauth2(token).when().get("/api/attachments/" + id)
                .then().statusCode(200)
                .contentType("image/png")
                .header("ETag", etag)
                .header("Cache-Control", "private, no-cache")
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Disposition", "inline; filename=\"" + id + ".png\"")
                .header("Accept-Ranges", "bytes");
        given().auth().oauth2(token).when().get("/api/attachments/" + id + "/thumbnail")
                .then().statusCode(200).header("ETag", "\"" + id + "-thumbnail\"");

        given().auth().oauth2(token).header("If-None-Match", etag).when().get("/api/attachments/" + id)
                .then().statusCode(304).header("ETag", etag);
        byte[] part = given().auth().oauth2(token).header("Range", "bytes=10-19").when().get("/api/attachments/" + id)
                .then().statusCode(206).header("Content-Range", "bytes 10-19/100").extract().asByteArray();
        assertEquals(10, part[0]);
        assertEquals(10, part.length);
        given().auth().oauth2(token).header("Range", "bytes=500-").when().get("/api/attachments/" + id)
                .then().statusCode(416).header("Content-Range", "bytes */100").body("code", equalTo("range_not_satisfiable"));

        given().when().get("/api/attachments/" + id).then().statusCode(401);
        given().auth().oauth2(token).when().get("/api/attachments/nope").then().statusCode(400);
    }

    @Test
    void fullSizeReadsPastTheLimitAreShedWhileThumbnailsStillGo() throws Exception {
        // The test profile allows 2 full-size reads at once; the stand-in holds both until let go.
        String token = TokenChecksTest.validToken(UUID.randomUUID().toString());
        List<CompletableFuture<Integer>> held = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            held.add(CompletableFuture.supplyAsync(() -> given().auth().oauth2(token).when().get("/api/attachments/" + HELD_ID)
                    .then().extract().statusCode()));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            synchronized (HELD) {
                return HELD.size() == 2;
            }
        });
        String other = UUID.randomUUID().toString();
        given().auth().oauth2(token).when().get("/api/attachments/" + other)
                .then().statusCode(503).header("Retry-After", notNullValue()).body("code", equalTo("overloaded"));
        given().auth().oauth2(token).when().get("/api/attachments/" + other + "/thumbnail").then().statusCode(200);

        synchronized (HELD) {
            HELD.forEach(Runnable::run);
            HELD.clear();
        }
        for (CompletableFuture<Integer> read : held) {
            assertEquals(200, read.get(10, TimeUnit.SECONDS));
        }
        // Both slots were given back.
        given().auth().oauth2(token).when().get("/api/attachments/" + other).then().statusCode(200);
        given().auth().oauth2(token).when().get("/api/attachments/" + other).then().statusCode(200);
    }

    /** An upload of {@code size} bytes sent chunked over a raw socket; the answer's head and body as text. */
    private static String chunkedUpload(String token, int size) throws Exception {
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + path(UUID.randomUUID().toString()) + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token
                    + "\r\nContent-Type: multipart/form-data; boundary=" + BOUNDARY + "\r\nTransfer-Encoding: chunked\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] body = multipart("file", new byte[size]);
            try {
                for (int offset = 0; offset < body.length; offset += 64 * 1024) {
                    int length = Math.min(64 * 1024, body.length - offset);
                    out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(body, offset, length);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (SocketException closed) {
                // The gateway may stop reading once it has answered; the answer is still there to read.
            }
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            int read = in.read(buffer);
            return read <= 0 ? "" : new String(buffer, 0, read, StandardCharsets.UTF_8);
        }
    }
}
