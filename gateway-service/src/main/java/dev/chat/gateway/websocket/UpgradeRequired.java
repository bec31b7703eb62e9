package dev.chat.gateway.websocket;

import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.chat.contracts.ErrorCodes;
import dev.chat.contracts.Problem;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code /ws} only takes a WebSocket upgrade. A plain HTTP request there (a browser tab, curl) gets 426 Upgrade
 * Required in the problem shape, saying how to connect, instead of a bare 404; an upgrade goes on to {@link ChatSocket}.
 */
@ApplicationScoped
public class UpgradeRequired {

    static final String PATH = "/ws";
    /** Before the WebSocket endpoint's own route, which passes plain requests on to whatever answers 404. */
    private static final int ORDER = -1000;

    private final String body;

    public UpgradeRequired(ObjectMapper mapper) throws JsonProcessingException {
        this.body = mapper.writeValueAsString(Problem.of(426, ErrorCodes.UPGRADE_REQUIRED,
                "/ws is a WebSocket: open it with a WebSocket client (an HTTP upgrade), the access token as"
                        + " Authorization: Bearer or ?access_token="));
    }

    void install(@Observes Router router) {
        router.route(PATH).order(ORDER).handler(this::handle);
    }

    private void handle(RoutingContext context) {
        String upgrade = context.request().getHeader(HttpHeaders.UPGRADE);
        if (upgrade != null && upgrade.toLowerCase(Locale.ROOT).contains("websocket")) {
            context.next();
            return;
        }
        context.response().setStatusCode(426)
                .putHeader(HttpHeaders.UPGRADE, "websocket")
                .putHeader(HttpHeaders.CONNECTION, "Upgrade")
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .end(body);
    }
}
