package dev.chat.terminal.tcp;

import jakarta.enterprise.context.ApplicationScoped;

import dev.chat.terminal.client.GatewayApi;
import dev.chat.terminal.config.TerminalConfig;
import dev.chat.terminal.service.Sockets;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetSocket;

/** Makes each accepted socket a {@link TerminalConnection} with the door's settings and clients. */
@ApplicationScoped
public class TerminalConnections {

    private final Vertx vertx;
    private final TerminalConfig config;
    private final GatewayApi api;
    private final Sockets sockets;
    private final MeterRegistry metrics;

    public TerminalConnections(Vertx vertx, TerminalConfig config, GatewayApi api, Sockets sockets, MeterRegistry metrics) {
        this.vertx = vertx;
        this.config = config;
        this.api = api;
        this.sockets = sockets;
        this.metrics = metrics;
    }

    void accept(NetSocket socket) {
        metrics.counter("terminal.connections.opened").increment();
        new TerminalConnection(socket, vertx, config, api, sockets, metrics).start();
    }
}
