package dev.chat.gateway.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;

/** Who the client is: the connection's address unless the proxy in front is trusted. */
class ClientAddressTest {

    /** A request from {@code remote} with these headers, over TLS or not; nothing else is asked of it. */
    static HttpServerRequest request(String remote, boolean ssl, Map<String, String> headers) {
        return (HttpServerRequest) Proxy.newProxyInstance(ClientAddressTest.class.getClassLoader(),
                new Class<?>[] {HttpServerRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "remoteAddress" -> SocketAddress.inetSocketAddress(40000, remote);
                    case "isSSL" -> ssl;
                    case "getHeader" -> headers.get((String) args[0]);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void forwardedHeadersAreIgnoredUnlessTheProxyIsTrusted() {
        HttpServerRequest request = request("192.0.2.10", false,
                Map.of("X-Forwarded-For", "203.0.113.7, 198.51.100.4", "X-Forwarded-Proto", "https"));
        assertEquals("192.0.2.10", ClientAddress.of(request, false));
        assertFalse(ClientAddress.isSecure(request, false));
        // Trusted: the entry the proxy appended, the last; what the client claimed before it does not count.
        assertEquals("198.51.100.4", ClientAddress.of(request, true));
        assertTrue(ClientAddress.isSecure(request, true));
    }

    @Test
    void aForwardedEntryThatIsNoAddressFallsBackToTheConnection() {
        assertEquals("192.0.2.10", ClientAddress.of(request("192.0.2.10", false, Map.of("X-Forwarded-For", "unknown")), true));
        assertEquals("192.0.2.10", ClientAddress.of(request("192.0.2.10", false, Map.of()), true));
        assertEquals("198.51.100.4", ClientAddress.literal("198.51.100.4:5555"));
        assertEquals("0:0:0:0:0:0:0:1", ClientAddress.literal("[::1]:80"));
        assertNull(ClientAddress.literal("evil.example"));
        assertTrue(ClientAddress.isSecure(request("192.0.2.10", true, Map.of()), false));
    }

    @Test
    void theHostAskedForIsTheProxysOnlyWhenItIsTrusted() {
        HttpServerRequest request = request("192.0.2.10", false, Map.of("Host", "gateway:8080", "X-Forwarded-Host", "chat.example.org"));
        assertEquals("gateway:8080", ClientAddress.host(request, false));
        assertEquals("chat.example.org", ClientAddress.host(request, true));
        assertEquals("gateway:8080", ClientAddress.host(request("192.0.2.10", false, Map.of("Host", "gateway:8080")), true));
    }

    @Test
    void ipv6ClientsAreLimitedByTheirSlash64() {
        assertEquals("2001:db8:1:2::/64", ClientAddress.limitKey("2001:db8:1:2:aaaa:bbbb:cccc:dddd"));
        assertEquals(ClientAddress.limitKey("2001:db8:1:2::1"), ClientAddress.limitKey("2001:db8:1:2:ffff::9"));
        assertEquals("192.0.2.10", ClientAddress.limitKey("192.0.2.10"));
    }
}
