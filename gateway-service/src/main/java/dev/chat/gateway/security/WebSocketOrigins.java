package dev.chat.gateway.security;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import dev.chat.gateway.config.HttpConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/**
 * Which web pages may open {@code /ws}. A browser sends the page's {@code Origin} with every WebSocket upgrade, and
 * the same-origin policy does not apply to WebSockets: without this check any site a signed-in user visits could open
 * a socket with a token it got hold of, or ride on one. Allowed: the gateway's own origin (the Origin's host and port
 * are the request's {@code Host}, or the trusted proxy's {@code X-Forwarded-Host}) and the configured list
 * ({@code WS_ALLOWED_ORIGINS}). A request without
 * {@code Origin} is not from a browser page (an app, a bot, a test) and goes on to the token check. Anything else is
 * refused with 403 before a connection exists.
 */
@ApplicationScoped
public class WebSocketOrigins implements HttpUpgradeCheck {

    private final Set<String> allowed;
    private final boolean trustProxy;
    private final MeterRegistry metrics;

    public WebSocketOrigins(HttpConfig config, MeterRegistry metrics) {
        this.allowed = config.allowedOrigins().orElse(List.of()).stream()
                .map(String::trim).filter(origin -> !origin.isEmpty())
                .map(origin -> {
                    String normal = normalise(origin);
                    if (normal == null) {
                        throw new IllegalArgumentException("WS_ALLOWED_ORIGINS: not an origin (scheme://host[:port]): " + origin);
                    }
                    return normal;
                })
                .collect(Collectors.toUnmodifiableSet());
        this.trustProxy = config.trustProxy();
        this.metrics = metrics;
    }

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        HttpServerRequest request = context.httpRequest();
        String origin = request.getHeader("Origin");
        if (origin == null || isAllowed(origin, ClientAddress.host(request, trustProxy))) {
            return CheckResult.permitUpgrade();
        }
        metrics.counter("chat.gateway.ws.foreign_origin").increment();
        Log.debugf("WebSocket upgrade from a foreign origin refused: %s", origin);
        return CheckResult.rejectUpgrade(403);
    }

    /** Same origin as the request's Host, or in the configured list. */
    boolean isAllowed(String origin, String host) {
        String normal = normalise(origin);
        if (normal == null) {
            // "null" (a sandboxed frame, a file) or garbage: no page of ours.
            return false;
        }
        return allowed.contains(normal) || sameHostAndPort(normal, host);
    }

    /** The Origin's host and port against the Host header's; a Host without a port means the scheme's default one. */
    static boolean sameHostAndPort(String normalOrigin, String host) {
        if (host == null || host.isBlank()) {
            return false;
        }
        URI origin = URI.create(normalOrigin);
        String hostName;
        Integer port = null;
        String given = host.trim().toLowerCase(Locale.ROOT);
        int colon = given.lastIndexOf(':');
        if (given.startsWith("[")) {
            int end = given.indexOf(']');
            if (end < 0) {
                return false;
            }
            hostName = given.substring(0, end + 1);
            colon = given.indexOf(':', end);
        } else {
            hostName = colon < 0 ? given : given.substring(0, colon);
        }
        if (colon >= 0) {
            try {
                port = Integer.valueOf(given.substring(colon + 1));
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return hostName.equals(origin.getHost())
                && Objects.equals(port == null ? defaultPort(origin.getScheme()) : port, origin.getPort());
    }

    /** {@code scheme://host:port} in lower case with the port always written; null if it is not an http(s) origin. */
    static String normalise(String origin) {
        try {
            URI uri = new URI(origin.trim());
            String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!"http".equals(scheme) && !"https".equals(scheme) || uri.getHost() == null) {
                return null;
            }
            if (uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/")
                    || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
                return null;
            }
            int port = uri.getPort() < 0 ? defaultPort(scheme) : uri.getPort();
            return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private static int defaultPort(String scheme) {
        return "https".equals(scheme) ? 443 : 80;
    }
}
