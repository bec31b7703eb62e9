package dev.chat.gateway.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import dev.chat.deploy.local.RealInfrastructureResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/** No request body over 64 KiB (issue 14): 413 payload_too_large as problem+json, before the body is read. */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructureResource.class, initArgs = @ResourceArg(name = "service", value = "gateway-service"))
class BodyLimitTest {

    private static final int LIMIT = 64 * 1024;

    /** A JSON object of exactly {@code size} bytes that is not valid JSON at its end: a 400 shows it was read. */
    static String jsonOf(int size) {
        String head = "{\"username\":\"";
        return head + "a".repeat(size - head.length() - 1) + "}";
    }

    @Test
    void aBodyOverTheLimitIs413WithACode() {
        given().contentType("application/json").body(jsonOf(LIMIT + 1))
                .when().post("/api/auth/login")
                .then().statusCode(413)
                .contentType(startsWith("application/problem+json"))
                .body("code", equalTo("payload_too_large"))
                .body("status", equalTo(413))
                .body("detail", equalTo("the request body is over 65536 bytes, the most this API takes"));
    }

    @Test
    void aBodyAtTheLimitIsRead() {
        // Read and parsed (the string never ends), not refused for its size.
        given().contentType("application/json").body(jsonOf(LIMIT))
                .when().post("/api/auth/login")
                .then().statusCode(400)
                .body("code", equalTo("validation_failed"));
    }

    @Test
    void aChunkedBodyOverTheLimitIsCutOff() throws Exception {
        // No Content-Length to judge by: read up to the limit, refused past it.
        String answer = chunked(8);
        assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
        assertTrue(answer.contains("\"code\":\"payload_too_large\""), answer);
    }

    @Test
    void aChunkedBodyWithinTheLimitIsRead() throws Exception {
        String answer = chunked(3);
        assertTrue(answer.startsWith("HTTP/1.1 400"), answer);
        assertTrue(answer.contains("not valid JSON"), answer);
    }

    /** A login whose body is "{" and then {@code chunks} chunks of 16 KiB of "a", sent chunked; the whole answer. */
    static String chunked(int chunks) throws Exception {
        byte[] chunk = "a".repeat(16 * 1024).getBytes(StandardCharsets.US_ASCII);
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            try {
                out.write("1\r\n{\r\n".getBytes(StandardCharsets.US_ASCII));
                for (int i = 0; i < chunks; i++) {
                    out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(chunk);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (IOException closedEarly) {
                // The server may answer and close before the whole body is sent.
            }
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream read = new ByteArrayOutputStream();
            in.transferTo(read);
            return read.toString(StandardCharsets.UTF_8);
        }
    }
}
