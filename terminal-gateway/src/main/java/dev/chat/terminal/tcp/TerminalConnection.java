package dev.chat.terminal.tcp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

import dev.chat.terminal.client.GatewayApi;
import dev.chat.terminal.config.TerminalConfig;
import dev.chat.terminal.domain.Command;
import dev.chat.terminal.domain.LineAssembler;
import dev.chat.terminal.domain.TerminalText;
import dev.chat.terminal.service.Sockets;
import dev.chat.terminal.service.TerminalSession;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;

/**
 * One TCP connection: its bytes become lines ({@link LineAssembler}: at most {@code TERMINAL_MAX_LINE_BYTES}, telnet's
 * negotiation dropped), each line is cleaned of control characters and escape sequences and parsed into a
 * {@link Command} for its {@link TerminalSession}, at most {@code linesPerWindow} a window; every line written back is
 * made safe again and ended with CRLF. A connection that sends nothing for {@code TERMINAL_IDLE_TIMEOUT} is told and
 * closed; one that does not read what it is sent (1 MiB waiting) is closed. Passwords are in lines: no line is logged.
 */
final class TerminalConnection implements TerminalSession.Terminal {

    private static final int MAX_UNSENT_BYTES = 1024 * 1024;

    private final NetSocket socket;
    private final Vertx vertx;
    private final TerminalConfig config;
    private final LineAssembler assembler;
    private final TerminalSession session;
    private final MeterRegistry metrics;
    private final Deque<Long> recentLines = new ArrayDeque<>();
    private long idleTimer = -1;
    private boolean closing;

    TerminalConnection(NetSocket socket, Vertx vertx, TerminalConfig config, GatewayApi api, Sockets sockets, MeterRegistry metrics) {
        this.socket = socket;
        this.vertx = vertx;
        this.config = config;
        this.metrics = metrics;
        this.assembler = new LineAssembler(config.maxLineBytes());
        this.session = new TerminalSession(this, api, sockets, config.gatewayUrl(),
                socket.remoteAddress() == null ? null : socket.remoteAddress().hostAddress());
        socket.setWriteQueueMaxSize(MAX_UNSENT_BYTES);
    }

    void start() {
        socket.handler(this::received);
        socket.closeHandler(ignored -> {
            synchronized (this) {
                closing = true;
                vertx.cancelTimer(idleTimer);
            }
            session.ended();
        });
        socket.exceptionHandler(failure -> socket.close());
        session.greet();
        resetIdle();
    }

    private void received(Buffer bytes) {
        resetIdle();
        for (LineAssembler.Piece piece : assembler.feed(bytes.getBytes())) {
            if (piece instanceof LineAssembler.TooLong tooLong) {
                line("* that line was over " + tooLong.maxBytes() + " bytes and was dropped");
                continue;
            }
            String typed = TerminalText.typed(((LineAssembler.Line) piece).text());
            if (!withinRate()) {
                metrics.counter("terminal.lines.refused").increment();
                line("* slow down: at most " + config.linesPerWindow() + " lines every " + config.lineWindow().toSeconds()
                        + " s; that line was dropped");
                continue;
            }
            metrics.counter("terminal.lines").increment();
            session.take(Command.parse(typed));
        }
    }

    private synchronized boolean withinRate() {
        long now = System.nanoTime();
        long window = config.lineWindow().toNanos();
        while (!recentLines.isEmpty() && now - recentLines.peekFirst() > window) {
            recentLines.pollFirst();
        }
        if (recentLines.size() >= config.linesPerWindow()) {
            return false;
        }
        recentLines.addLast(now);
        return true;
    }

    private synchronized void resetIdle() {
        if (closing) {
            return;
        }
        vertx.cancelTimer(idleTimer);
        idleTimer = vertx.setTimer(config.idleTimeout().toMillis(), fired -> {
            metrics.counter("terminal.connections.idle").increment();
            long seconds = config.idleTimeout().toSeconds();
            line("* no line for " + (seconds % 60 == 0 ? seconds / 60 + " minutes" : seconds + " s")
                    + "; closing the connection. Come back any time.");
            close();
        });
    }

    @Override
    public void line(String text) {
        if (closing) {
            return;
        }
        if (socket.writeQueueFull()) {
            // It does not read: holding more for it would grow without bound.
            metrics.counter("terminal.connections.slow").increment();
            close();
            return;
        }
        socket.write(Buffer.buffer((TerminalText.shown(text) + "\r\n").getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public synchronized void close() {
        if (closing) {
            return;
        }
        closing = true;
        vertx.cancelTimer(idleTimer);
        session.ended();
        socket.end().onComplete(ignored -> socket.close());
    }
}
