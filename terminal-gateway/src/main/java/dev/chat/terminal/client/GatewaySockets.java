package dev.chat.terminal.client;

import java.util.function.Consumer;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.chat.terminal.config.TerminalConfig;
import dev.chat.terminal.service.Sockets;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;

/** The terminal users' WebSockets to the gateway, one each, on one Vert.x client. */
@Singleton
public class GatewaySockets implements Sockets {

    private final WebSocketClient client;
    private final GatewayApi api;
    private final ObjectMapper mapper;

    public GatewaySockets(Vertx vertx, GatewayApi api, ObjectMapper mapper, TerminalConfig config) {
        this.client = vertx.createWebSocketClient(new WebSocketClientOptions()
                .setConnectTimeout((int) config.requestTimeout().toMillis())
                .setMaxFrameSize(1024 * 1024).setMaxMessageSize(1024 * 1024));
        this.api = api;
        this.mapper = mapper;
    }

    @Override
    public Uni<Handle> open(String accessToken, Consumer<JsonNode> frames, Runnable closed) {
        return Uni.createFrom().completionStage(() -> GatewaySocket.open(client, api, accessToken, mapper, frames, closed)
                .toCompletionStage()).map(socket -> (Handle) socket);
    }

    @PreDestroy
    void close() {
        client.close();
    }
}
