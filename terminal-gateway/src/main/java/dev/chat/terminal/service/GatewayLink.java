package dev.chat.terminal.service;

import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chat.terminal.client.GatewayApi;
import dev.chat.terminal.client.GatewayApi.Reply;
import io.smallrye.mutiny.Uni;

/**
 * One terminal user's link to the gateway, as a browser tab holds one: the login's tokens (refreshed when the access
 * token is refused), the one {@code /ws} socket, and getting that socket back when it closes under a logged-in user
 * (the gateway restarted or moved), so a rollout does not log anyone out: once the new socket's {@code welcome} comes
 * it is live again, and a {@code resume} from the last seq seen in each room brings what was said meanwhile, as a web
 * tab's does. A session ended elsewhere (logged out, its tokens revoked) cannot refresh; then, or after the last try,
 * the user is asked to log in again. Every field is guarded by the session's lock, which the session's state shares.
 */
final class GatewayLink {

    private static final long PING_EVERY_NANOS = 60_000_000_000L;
    /** Tries to get the socket back: a second apart, doubling, at most 15 s apart; about two minutes in all. */
    private static final int RECONNECT_ATTEMPTS = 10;
    private static final long RECONNECT_MAX_DELAY_SECONDS = 15;

    /** The access and refresh tokens of a login. */
    record Tokens(String access, String refresh) {
    }

    private final Object lock;
    private final TerminalSession.Terminal terminal;
    private final GatewayApi api;
    private final Sockets sockets;
    /** The terminal's address, for the gateway's per-address limits. */
    private final String clientAddress;
    private final Consumer<JsonNode> frames;
    /** The last seq seen in each room, for a resume. */
    private final Supplier<Map<String, Long>> positions;
    private Tokens tokens;
    private Sockets.Handle socket;
    /** Counts logins: a reconnect started for one login never touches the next one's tokens or socket. */
    private int logins;
    /** Tries so far to get the socket back; 0 while it is live. */
    private int rejoinAttempts;
    private boolean closed;
    private long lastPingNanos = System.nanoTime();

    GatewayLink(Object lock, TerminalSession.Terminal terminal, GatewayApi api, Sockets sockets, String clientAddress,
            Consumer<JsonNode> frames, Supplier<Map<String, Long>> positions) {
        this.lock = lock;
        this.terminal = terminal;
        this.api = api;
        this.sockets = sockets;
        this.clientAddress = clientAddress;
        this.frames = frames;
        this.positions = positions;
    }

    boolean isLoggedIn() {
        synchronized (lock) {
            return tokens != null;
        }
    }

    /** A call made before any login (register, login): the client's address goes with it, no token. */
    Uni<Reply> anonymous(String path, Object body) {
        return api.post(path, null, body, clientAddress);
    }

    /** The tokens of a login just made; the socket is opened by {@link #connect()}. */
    void loggedIn(Tokens login) {
        synchronized (lock) {
            logins++;
            rejoinAttempts = 0;
            tokens = login;
        }
    }

    /** Opens the socket with the current access token. */
    Uni<Void> connect() {
        return sockets.open(tokens().access(), this::onFrame, this::socketClosed).invoke(handle -> {
            synchronized (lock) {
                socket = handle;
                if (closed) {
                    handle.close();
                }
            }
        }).replaceWithVoid();
    }

    /** A call with the login's token, refreshed once and tried again if the gateway refuses it as expired. */
    Uni<Reply> call(String method, String path, Object body) {
        Tokens used = tokens();
        return send(method, path, used, body).chain(reply -> reply.status() != 401 ? Uni.createFrom().item(reply)
                : refresh(used).chain(refreshed -> {
                    Tokens now = tokens();
                    return !refreshed || now == null ? Uni.createFrom().item(reply) : send(method, path, now, body);
                }));
    }

    private Uni<Reply> send(String method, String path, Tokens with, Object body) {
        return "GET".equals(method) ? api.get(path, with.access(), clientAddress) : api.post(path, with.access(), body, clientAddress);
    }

    /** A frame on the socket; false when none is open (a reconnect is under way). Called under the lock. */
    boolean sendFrame(Object frame) {
        if (socket == null || !socket.isOpen()) {
            return false;
        }
        socket.send(frame);
        return true;
    }

    /**
     * A line typed is activity: the gateway closes a WebSocket that sent nothing for its idle timeout, and a terminal
     * user who only uses commands answered over REST would otherwise lose it while typing. Called under the lock.
     */
    void keepAlive() {
        long now = System.nanoTime();
        if (socket != null && socket.isOpen() && now - lastPingNanos > PING_EVERY_NANOS) {
            lastPingNanos = now;
            socket.send(Map.of("type", "ping"));
        }
    }

    /** Logs out: the socket is closed first (the logout's own notice need not follow the goodbye), then the session. */
    Uni<Void> logOut() {
        Tokens leaving;
        synchronized (lock) {
            leaving = tokens;
            tokens = null;
            rejoinAttempts = 0;
            if (socket != null) {
                socket.close();
            }
        }
        return leaving == null ? TerminalSession.done()
                : api.post("/api/auth/logout", leaving.access(), null, clientAddress).replaceWithVoid().onFailure().recoverWithNull();
    }

    /** The terminal went away: the socket goes with it, and no reconnect starts. */
    void close() {
        synchronized (lock) {
            closed = true;
            if (socket != null) {
                socket.close();
            }
        }
    }

    /** A frame on the socket: a {@code welcome} after a reconnect makes the link live again and asks for the gap. */
    private void onFrame(JsonNode frame) {
        synchronized (lock) {
            if (rejoinAttempts > 0 && "welcome".equals(frame.path("type").asText()) && socket != null) {
                rejoinAttempts = 0;
                terminal.line("* reconnected");
                Map<String, Long> seen = positions.get();
                if (!seen.isEmpty()) {
                    socket.send(Map.of("type", "resume", "positions", seen));
                }
            }
        }
        frames.accept(frame);
    }

    private void socketClosed() {
        synchronized (lock) {
            if (closed || tokens == null) {
                return;
            }
            socket = null;
            if (rejoinAttempts == 0) {
                terminal.line("* the connection to the chat closed; reconnecting...");
            }
            retry(logins);
        }
    }

    /** One more try to get the socket back, or the end of trying; under the lock. */
    private void retry(int forLogin) {
        if (rejoinAttempts >= RECONNECT_ATTEMPTS) {
            terminal.line("* the chat cannot be reached; /login again to go on");
            rejoinAttempts = 0;
            tokens = null;
            return;
        }
        rejoinAttempts++;
        Duration delay = Duration.ofSeconds(Math.min(RECONNECT_MAX_DELAY_SECONDS, 1L << Math.min(rejoinAttempts - 1, 4)));
        Uni.createFrom().voidItem().onItem().delayIt().by(delay)
                .chain(() -> stillLoggedIn(forLogin) ? refresh(tokens()) : Uni.createFrom().item(false))
                .chain(refreshed -> refreshed ? connect().replaceWith(true) : Uni.createFrom().item(false))
                .subscribe().with(connected -> {
                    // Connected: live once its welcome comes (onFrame); a socket closed before that tries again.
                    synchronized (lock) {
                        if (!connected && stillLoggedIn(forLogin)) {
                            terminal.line("* your session ended; /login again to go on");
                            rejoinAttempts = 0;
                            tokens = null;
                        }
                    }
                }, failure -> {
                    synchronized (lock) {
                        if (stillLoggedIn(forLogin)) {
                            retry(forLogin);
                        }
                    }
                });
    }

    private Tokens tokens() {
        synchronized (lock) {
            return tokens;
        }
    }

    private boolean stillLoggedIn(int forLogin) {
        synchronized (lock) {
            return !closed && tokens != null && logins == forLogin;
        }
    }

    /**
     * Trades the refresh token for new tokens: true once they are the login's, false when the gateway refused it (the
     * session has ended); a failure when the gateway did not answer.
     */
    private Uni<Boolean> refresh(Tokens used) {
        return anonymous("/api/auth/refresh", Map.of("refreshToken", used.refresh())).map(refreshed -> {
            if (!refreshed.ok()) {
                return false;
            }
            synchronized (lock) {
                if (tokens == used) {
                    tokens = new Tokens(refreshed.body().path("accessToken").asText(), refreshed.body().path("refreshToken").asText());
                }
            }
            return true;
        });
    }
}
