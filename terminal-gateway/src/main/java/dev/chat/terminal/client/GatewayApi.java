package dev.chat.terminal.client;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

import dev.chat.terminal.config.TerminalConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.http.HttpClient;

/**
 * The gateway's public REST API, as the web client calls it: the terminal door holds no store and no secret, it is one
 * more client of the contract (docs/contract.md), so a terminal user gets every rule the web does.
 */
@Singleton
public class GatewayApi {

    /** An answer: its status and JSON body (a problem for errors; missing when there is none). */
    public record Reply(int status, JsonNode body) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }

        /** The problem's one line for a person, or the status. */
        public String detail() {
            String detail = body.path("detail").asText("");
            return detail.isEmpty() ? "HTTP " + status : detail;
        }

        public String code() {
            return body.path("code").asText("");
        }
    }

    private final HttpClient client;
    private final URI base;
    private final ObjectMapper mapper;
    private final Duration timeout;

    public GatewayApi(Vertx vertx, TerminalConfig config, ObjectMapper mapper) {
        this.base = URI.create(config.gatewayUrl());
        this.timeout = config.requestTimeout();
        this.mapper = mapper;
        this.client = vertx.createHttpClient(new HttpClientOptions().setMaxPoolSize(64).setKeepAlive(true)
                .setConnectTimeout((int) timeout.toMillis()));
    }

    /**
     * A call on behalf of the terminal user at {@code clientAddress}, which goes as {@code X-Forwarded-For}: behind a
     * gateway that trusts its proxies (a cluster's), the per-address limits count each terminal user, not the door.
     */
    public Uni<Reply> get(String path, String token, String clientAddress) {
        return call(HttpMethod.GET, path, token, null, clientAddress);
    }

    public Uni<Reply> post(String path, String token, Object body, String clientAddress) {
        return call(HttpMethod.POST, path, token, body, clientAddress);
    }

    /** {@code value} as a query parameter's value. */
    public static String query(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private Uni<Reply> call(HttpMethod method, String path, String token, Object body, String clientAddress) {
        String json;
        try {
            json = body == null ? null : mapper.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        RequestOptions options = new RequestOptions().setMethod(method).setHost(base.getHost())
                .setPort(base.getPort() > 0 ? base.getPort() : 80).setURI(path).setIdleTimeout(timeout.toMillis());
        if (token != null) {
            options.putHeader("Authorization", "Bearer " + token);
        }
        if (clientAddress != null) {
            options.putHeader("X-Forwarded-For", clientAddress);
        }
        if (json != null) {
            options.putHeader("Content-Type", "application/json");
        }
        return client.request(options)
                .chain(request -> json == null ? request.send() : request.send(Buffer.buffer(json)))
                .chain(response -> response.body().map(bytes -> new Reply(response.statusCode(), parse(bytes))))
                .ifNoItem().after(timeout).fail();
    }

    private JsonNode parse(Buffer bytes) {
        if (bytes.length() == 0) {
            return MissingNode.getInstance();
        }
        try {
            return mapper.readTree(bytes.getBytes());
        } catch (IOException e) {
            return MissingNode.getInstance();
        }
    }

    /** The gateway's host and port, for the WebSocket. */
    URI base() {
        return base;
    }

    @PreDestroy
    void close() {
        client.closeAndForget();
    }
}
