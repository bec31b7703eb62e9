package dev.chat.terminal.tcp;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.chat.terminal.config.TerminalConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.PemKeyCertOptions;

/**
 * The terminal door's listeners: {@code TERMINAL_PORT} in plain TCP (nc, telnet) and, when a key and certificate are
 * configured, {@code TERMINAL_TLS_PORT} (openssl s_client, ncat --ssl). Each connection becomes a {@link TerminalConnection}.
 */
@ApplicationScoped
public class TerminalServer {

    private final Vertx vertx;
    private final TerminalConfig config;
    private final TerminalConnections connections;
    private final AtomicInteger open = new AtomicInteger();
    private NetServer plain;
    private NetServer tls;

    public TerminalServer(Vertx vertx, TerminalConfig config, TerminalConnections connections, MeterRegistry metrics) {
        this.vertx = vertx;
        this.config = config;
        this.connections = connections;
        metrics.gauge("terminal.connections.open", open);
    }

    void start(@Observes StartupEvent started) throws Exception {
        plain = listen(new NetServerOptions(), config.port());
        Log.infof("terminal door listening on %s:%d", config.host(), plain.actualPort());
        if (config.tls().port().isPresent() && config.tls().certificate().isPresent() && config.tls().key().isPresent()) {
            tls = listen(new NetServerOptions().setSsl(true).setKeyCertOptions(new PemKeyCertOptions()
                    .setCertPath(config.tls().certificate().get()).setKeyPath(config.tls().key().get())), config.tls().port().get());
            Log.infof("terminal door listening with TLS on %s:%d", config.host(), tls.actualPort());
        }
    }

    void stop(@Observes ShutdownEvent stopping) {
        if (plain != null) {
            plain.close();
        }
        if (tls != null) {
            tls.close();
        }
    }

    /** The plain port as bound (the configured one, or the one picked for 0). */
    public int plainPort() {
        return plain.actualPort();
    }

    public boolean isListening() {
        return plain != null;
    }

    public int openConnections() {
        return open.get();
    }

    private NetServer listen(NetServerOptions options, int port) throws Exception {
        NetServer server = vertx.createNetServer(options.setHost(config.host()).setPort(port).setTcpNoDelay(true)
                .setIdleTimeout(0));
        server.connectHandler(this::accept);
        return server.listen().toCompletionStage().toCompletableFuture().get();
    }

    private void accept(NetSocket socket) {
        if (open.incrementAndGet() > config.maxConnections()) {
            open.decrementAndGet();
            socket.write(Buffer.buffer("* too many connections here; try again later\r\n", StandardCharsets.UTF_8.name()))
                    .onComplete(ignored -> socket.close());
            return;
        }
        socket.closeHandler(ignored -> open.decrementAndGet());
        connections.accept(socket);
    }
}
