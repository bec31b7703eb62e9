package dev.chat.terminal.client;

import java.io.IOException;
import java.util.function.Consumer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.chat.terminal.service.Sockets;
import io.quarkus.logging.Log;
import io.vertx.core.Future;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;

/**
 * One terminal user's WebSocket to the gateway ({@code /ws}), as a browser tab has one: frames in are handed to
 * {@code frames} as JSON, on the socket's event loop; what the user sends goes out as the contract's frames.
 */
public final class GatewaySocket implements Sockets.Handle {

    private final WebSocket socket;
    private final ObjectMapper mapper;

    private GatewaySocket(WebSocket socket, ObjectMapper mapper) {
        this.socket = socket;
        this.mapper = mapper;
    }

    /** Opens {@code /ws} with the access token; {@code closed} runs once when the socket closes, whoever closed it. */
    static Future<GatewaySocket> open(WebSocketClient client, GatewayApi api, String accessToken,
            ObjectMapper mapper, Consumer<JsonNode> frames, Runnable closed) {
        WebSocketConnectOptions options = new WebSocketConnectOptions().setHost(api.base().getHost())
                .setPort(api.base().getPort() > 0 ? api.base().getPort() : 80).setURI("/ws")
                .addHeader("Authorization", "Bearer " + accessToken);
        return client.connect(options).map(socket -> {
            socket.textMessageHandler(text -> {
                try {
                    frames.accept(mapper.readTree(text));
                } catch (IOException e) {
                    Log.debugf("a frame from the gateway that is not JSON: %s", e.getMessage());
                }
            });
            socket.closeHandler(ignored -> closed.run());
            socket.exceptionHandler(failure -> Log.debugf("the gateway's WebSocket failed: %s", failure.toString()));
            return new GatewaySocket(socket, mapper);
        });
    }

    @Override
    public void send(Object frame) {
        if (socket.isClosed()) {
            return;
        }
        try {
            socket.writeTextMessage(mapper.writeValueAsString(frame));
        } catch (JsonProcessingException e) {
            Log.errorf(e, "a frame could not be written");
        }
    }

    @Override
    public boolean isOpen() {
        return !socket.isClosed();
    }

    @Override
    public void close() {
        if (!socket.isClosed()) {
            socket.close();
        }
    }
}
