package dev.chat.gateway.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.chat.gateway.config.HttpConfig;
import dev.chat.gateway.security.ClientAddress;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;

/**
 * The headers that tell a browser how to treat everything the gateway answers, on every response (the web client, the
 * API, errors, Quarkus' own pages):
 * <ul>
 * <li>{@code Content-Security-Policy}: the web client's own policy (index.html repeats it in a meta tag), plus
 * {@code frame-ancestors 'none'}, which only a header can say: no other site may frame the client (clickjacking). A
 * response that sets its own policy (the canvas SVG) keeps it. Swagger UI needs inline script and style, so its pages get
 * only the framing rule.</li>
 * <li>{@code X-Content-Type-Options: nosniff}: a JSON answer holding a user's text is never run as script or HTML.</li>
 * <li>{@code Referrer-Policy: no-referrer}: invite links and room ids in the address stay out of other sites' logs.</li>
 * <li>{@code Strict-Transport-Security}, only when the client came over TLS (directly, or through the trusted proxy):
 * sent over plain HTTP it would be ignored, or break a local run on a LAN address.</li>
 * </ul>
 * CORS stays Quarkus' default, off ({@code quarkus.http.cors.enabled}): other sites' scripts cannot read the API's
 * answers. The client is served from the same origin and needs none.
 */
@ApplicationScoped
public class SecurityHeaders {

    static final String CONTENT_SECURITY_POLICY = "Content-Security-Policy";
    /** index.html's policy, with what only a header can add. */
    static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' blob:; connect-src 'self';"
            + " manifest-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    static final String FRAMING_ONLY = "frame-ancestors 'none'";
    static final String HSTS = "max-age=31536000";
    /**
     * Before every other filter and route, so that even an early answer (304, 413, /ws's 426) carries the headers: a
     * filter's route has the order minus its priority, and /ws's own route is at -1000.
     */
    static final int PRIORITY = 10_000;
    private static final String SWAGGER_UI = "/q/swagger-ui";

    private final boolean trustProxy;

    public SecurityHeaders(HttpConfig config) {
        this.trustProxy = config.trustProxy();
    }

    void register(@Observes Filters filters) {
        filters.register(this::handle, PRIORITY);
    }

    void handle(RoutingContext context) {
        boolean secure = ClientAddress.isSecure(context.request(), trustProxy);
        String path = context.normalizedPath();
        String policy = path != null && path.startsWith(SWAGGER_UI) ? FRAMING_ONLY : POLICY;
        // Set when the headers go out, not now: what a handler sets (the SVG's own policy) wins, and no handler's reset
        // of the headers can drop these.
        context.addHeadersEndHandler(ignored -> {
            MultiMap headers = context.response().headers();
            if (!headers.contains(CONTENT_SECURITY_POLICY)) {
                headers.set(CONTENT_SECURITY_POLICY, policy);
            }
            headers.set("X-Content-Type-Options", "nosniff");
            headers.set("Referrer-Policy", "no-referrer");
            headers.set("X-Frame-Options", "DENY");
            if (secure) {
                headers.set("Strict-Transport-Security", HSTS);
            }
        });
        context.next();
    }
}
