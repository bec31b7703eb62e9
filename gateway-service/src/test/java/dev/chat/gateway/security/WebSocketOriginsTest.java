package dev.chat.gateway.security;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.chat.deploy.local.RealInfrastructureResource;
import dev.chat.deploy.local.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * Only the gateway's own pages (and configured ones) may open /ws from a browser (issue 14): a page of another site is
 * refused with 403 before any connection exists, even with a valid token; a client that sends no Origin is no browser
 * page and goes on to the token check.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructureResource.class, initArgs = @ResourceArg(name = "service", value = "gateway-service"))
class WebSocketOriginsTest {

    static String token() throws Exception {
        Instant now = Instant.now();
        return TestTokens.signed(RealInfrastructureResource.shared().jwtKeys().privateKey(),
                TestTokens.claims(UUID.randomUUID().toString(), "alice", UUID.randomUUID().toString(), now, now.plusSeconds(900)));
    }

    /** The status line of the answer to a WebSocket upgrade of /ws with these extra header lines. */
    static String upgrade(String host, String extraHeaders) throws Exception {
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /ws?access_token=" + token() + " HTTP/1.1\r\nHost: " + host + "\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                    + extraHeaders + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder line = new StringBuilder();
            for (int c = in.read(); c >= 0 && c != '\r'; c = in.read()) {
                line.append((char) c);
            }
            return line.toString();
        }
    }

    @Test
    void aPageOfAnotherSiteIsRefusedBeforeTheUpgrade() throws Exception {
        String host = "localhost:" + RestAssured.port;
        assertTrue(upgrade(host, "Origin: https://evil.example\r\n").startsWith("HTTP/1.1 403"));
        // Same host, another port: another origin.
        assertTrue(upgrade(host, "Origin: http://localhost:1\r\n").startsWith("HTTP/1.1 403"));
        // A sandboxed frame or a file.
        assertTrue(upgrade(host, "Origin: null\r\n").startsWith("HTTP/1.1 403"));
    }

    @Test
    void theGatewaysOwnPagesAndOriginlessClientsMayConnect() throws Exception {
        String host = "localhost:" + RestAssured.port;
        assertTrue(upgrade(host, "Origin: http://localhost:" + RestAssured.port + "\r\n").startsWith("HTTP/1.1 101"));
        assertTrue(upgrade(host, "").startsWith("HTTP/1.1 101"));
        // Behind a proxy on the default port the Host has no port: the Origin's default port is the same one.
        assertTrue(upgrade("chat.example.org", "Origin: https://chat.example.org\r\n").startsWith("HTTP/1.1 101"));
        assertFalse(upgrade("chat.example.org", "Origin: https://chat.example.org:8443\r\n").startsWith("HTTP/1.1 101"));
    }
}
