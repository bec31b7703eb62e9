package dev.chat.terminal.service;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import dev.chat.terminal.client.GatewayApi;
import dev.chat.terminal.client.GatewayApi.Reply;
import dev.chat.terminal.domain.Command;
import io.smallrye.mutiny.Uni;

/**
 * One terminal connection's user, as a web tab would be: logged in with the gateway's REST API, following their rooms
 * over {@code /ws}, talking in one current room at a time. Lines are taken one at a time, in order: a command that
 * waits for the gateway holds the next line back, so what a user typed happens in the order typed. The room commands
 * are {@link Rooms}; what the gateway pushes is shown by {@link LiveFrames}.
 */
public final class TerminalSession {

    /** Where the session's lines go: the terminal. */
    public interface Terminal {
        /** One line, shown as it is given (the caller made it safe). */
        void line(String text);

        /** Closes the connection once what was written has gone. */
        void close();
    }

    /** No rows: what a refused list call iterates over. */
    static final JsonNode EMPTY = JsonNodeFactory.instance.arrayNode();

    private static final long PING_EVERY_NANOS = 60_000_000_000L;
    /** Tries to get the gateway's socket back after it closed: a second apart, doubling, at most 15 s; about 2 minutes. */
    private static final int RECONNECT_ATTEMPTS = 10;
    private static final long RECONNECT_MAX_DELAY_SECONDS = 15;
    private static final String LOG_IN_FIRST = "* log in first: /login name password (new here? /register name password email)";

    private final Terminal terminal;
    /** The terminal's address, for the gateway's per-address limits. */
    private final String clientAddress;
    private final GatewayApi api;
    private final Sockets sockets;
    private final LiveFrames live;
    private final String connectionId = UUID.randomUUID().toString().substring(0, 8);
    private final Queue<Command> waiting = new ArrayDeque<>();
    private final Map<String, String> labels = new HashMap<>();
    /** Channels the user is a member of, by lower-case name. */
    private final Map<String, String> channelIds = new HashMap<>();
    private boolean busy;
    private boolean closed;
    private Tokens tokens;
    private String userId;
    private String username;
    private String currentRoomId;
    private Sockets.Handle socket;
    /** Counts logins: a reconnect started for one login never touches the next one's tokens or socket. */
    private int logins;
    private long sends;
    private long lastPingNanos = System.nanoTime();

    /** The access and refresh tokens of a login; refreshed when the access token is refused. */
    record Tokens(String access, String refresh) {
    }

    public TerminalSession(Terminal terminal, GatewayApi api, Sockets sockets, String gatewayUrl, String clientAddress) {
        this.terminal = terminal;
        this.clientAddress = clientAddress;
        this.api = api;
        this.sockets = sockets;
        this.live = new LiveFrames(this, terminal, gatewayUrl);
    }

    public synchronized void greet() {
        terminal.line("* Welcome to chat. /login name password, or /register name password email. /help lists the commands.");
    }

    /** The next command; runs once those before it have finished. */
    public synchronized void take(Command command) {
        if (closed) {
            return;
        }
        waiting.add(command);
        keepSocketAlive();
        if (!busy) {
            next();
        }
    }

    /**
     * A line typed is activity: the gateway closes a WebSocket that sent nothing for its idle timeout, and a terminal
     * user who only uses commands answered over REST would otherwise lose it while typing.
     */
    private void keepSocketAlive() {
        long now = System.nanoTime();
        if (socket != null && socket.isOpen() && now - lastPingNanos > PING_EVERY_NANOS) {
            lastPingNanos = now;
            socket.send(Map.of("type", "ping"));
        }
    }

    /** The connection went away: the gateway's socket goes with it. */
    public synchronized void ended() {
        closed = true;
        waiting.clear();
        if (socket != null) {
            socket.close();
        }
    }

    public synchronized boolean isLoggedIn() {
        return tokens != null;
    }

    private void next() {
        Command command = waiting.poll();
        if (command == null || closed) {
            busy = false;
            return;
        }
        busy = true;
        run(command).subscribe().with(done -> finished(), failure -> {
            synchronized (this) {
                terminal.line("* the chat did not answer; try again (" + failure.getClass().getSimpleName() + ")");
            }
            finished();
        });
    }

    private synchronized void finished() {
        next();
    }

    private Uni<Void> run(Command command) {
        if (command instanceof Command.Nothing) {
            return done();
        }
        if (command instanceof Command.Invalid invalid) {
            return say("* " + invalid.reply());
        }
        if (command instanceof Command.Help) {
            return help();
        }
        if (command instanceof Command.Quit) {
            return quit();
        }
        if (command instanceof Command.Register register) {
            return register(register);
        }
        if (command instanceof Command.Login login) {
            return login(login);
        }
        if (tokens == null) {
            return say(LOG_IN_FIRST);
        }
        if (command instanceof Command.Say say) {
            return send(currentRoomId(), say.text());
        }
        if (command instanceof Command.Join join) {
            return Rooms.join(this, join);
        }
        if (command instanceof Command.Leave) {
            return Rooms.leave(this);
        }
        if (command instanceof Command.Rooms) {
            return Rooms.list(this);
        }
        if (command instanceof Command.Who) {
            return Rooms.who(this);
        }
        if (command instanceof Command.History history) {
            return Rooms.history(this, history);
        }
        return Rooms.direct(this, (Command.Msg) command);
    }

    private Uni<Void> help() {
        StringBuilder text = new StringBuilder("* commands:");
        for (String name : Command.ORDER) {
            text.append("  ").append(Command.USAGE.get(name));
        }
        say(text.toString());
        return say("* a line that does not start with / goes to the current room (start it with // to send a /)");
    }

    private Uni<Void> register(Command.Register register) {
        if (tokens != null) {
            return say("* you are logged in as " + username + "; /quit first to register another account");
        }
        return api.post("/api/auth/register", null, Map.of("username", register.username(), "password", register.password(),
                "email", register.email()), clientAddress).chain(reply -> reply.ok()
                        ? say("* registered " + reply.body().path("username").asText() + "; now /login "
                                + reply.body().path("username").asText() + " password")
                        : say("* not registered: " + reply.detail()));
    }

    private Uni<Void> login(Command.Login login) {
        if (tokens != null) {
            return say("* you are logged in as " + username + "; /quit first to log in as someone else");
        }
        return api.post("/api/auth/login", null, Map.of("username", login.username(), "password", login.password()), clientAddress)
                .chain(reply -> {
                    if (!reply.ok()) {
                        return say("* not logged in: " + reply.detail());
                    }
                    synchronized (this) {
                        logins++;
                        tokens = new Tokens(reply.body().path("accessToken").asText(), reply.body().path("refreshToken").asText());
                        userId = reply.body().path("user").path("id").asText();
                        username = reply.body().path("user").path("username").asText();
                    }
                    return Rooms.load(this).chain(() -> connect()).chain(() -> {
                        String general = labels.get(currentRoomId);
                        return say("* welcome, " + username + ". You are in " + (general == null ? "no room" : general)
                                + "; type to talk, /join room to go elsewhere, /help for the rest.");
                    });
                });
    }

    private Uni<Void> connect() {
        return sockets.open(tokens.access(), this::frame, this::socketClosed).invoke(handle -> {
            synchronized (this) {
                socket = handle;
                if (closed) {
                    handle.close();
                }
            }
        }).replaceWithVoid();
    }

    /**
     * The gateway's socket closed without this session asking (the gateway restarted or moved, say): the user stays
     * logged in while it is opened again with fresh tokens. A session ended elsewhere (logged out, its tokens revoked)
     * cannot refresh; then, or after the last try, the user is asked to log in again.
     */
    private synchronized void socketClosed() {
        if (closed || tokens == null) {
            return;
        }
        socket = null;
        terminal.line("* the connection to the chat closed; reconnecting...");
        reconnect(logins, 1);
    }

    private void reconnect(int forLogin, int attempt) {
        Duration delay = Duration.ofSeconds(Math.min(RECONNECT_MAX_DELAY_SECONDS, 1L << Math.min(attempt - 1, 4)));
        Uni.createFrom().voidItem().onItem().delayIt().by(delay)
                .chain(() -> stillLoggedIn(forLogin) ? refresh(tokens()) : Uni.createFrom().item(false))
                .chain(refreshed -> {
                    if (!refreshed) {
                        return Uni.createFrom().item(false);
                    }
                    return connect().replaceWith(true);
                })
                .subscribe().with(reconnected -> {
                    synchronized (this) {
                        if (!stillLoggedIn(forLogin)) {
                            return;
                        }
                        if (reconnected) {
                            terminal.line("* reconnected; /history shows what was said meanwhile");
                        } else {
                            terminal.line("* your session ended; /login again to go on");
                            tokens = null;
                        }
                    }
                }, failure -> {
                    synchronized (this) {
                        if (!stillLoggedIn(forLogin)) {
                            return;
                        }
                        if (attempt >= RECONNECT_ATTEMPTS) {
                            terminal.line("* the chat cannot be reached; /login again to go on");
                            tokens = null;
                            return;
                        }
                    }
                    reconnect(forLogin, attempt + 1);
                });
    }

    private synchronized Tokens tokens() {
        return tokens;
    }

    private synchronized boolean stillLoggedIn(int forLogin) {
        return !closed && tokens != null && logins == forLogin;
    }

    /**
     * Trades the refresh token for new tokens: true once they are the session's, false when the gateway refused it (the
     * session has ended); a failure when the gateway did not answer.
     */
    private Uni<Boolean> refresh(Tokens used) {
        return api.post("/api/auth/refresh", null, Map.of("refreshToken", used.refresh()), clientAddress).map(refreshed -> {
            if (!refreshed.ok()) {
                return false;
            }
            synchronized (this) {
                if (tokens == used) {
                    tokens = new Tokens(refreshed.body().path("accessToken").asText(), refreshed.body().path("refreshToken").asText());
                }
            }
            return true;
        });
    }

    /** A frame from the gateway, on the socket's event loop. */
    private synchronized void frame(JsonNode frame) {
        if (!closed && userId != null) {
            live.on(frame, userId);
        }
    }

    Uni<Void> send(String roomId, String text) {
        synchronized (this) {
            if (socket == null || !socket.isOpen()) {
                // Only while a reconnect is under way: a session that gave up has no tokens and never gets here.
                return say("* not sent: reconnecting to the chat; try again in a moment");
            }
            String clientMsgId = "t" + connectionId + "-" + (++sends);
            live.sending(clientMsgId);
            socket.send(Map.of("type", "send", "roomId", roomId, "clientMsgId", clientMsgId, "text", text));
        }
        return done();
    }

    private Uni<Void> quit() {
        Tokens leaving;
        synchronized (this) {
            terminal.line("* bye");
            leaving = tokens;
            tokens = null;
            if (socket != null) {
                // Closed first: the logout's own notice need not follow the goodbye.
                socket.close();
            }
        }
        Uni<Void> logout = leaving == null ? done()
                : api.post("/api/auth/logout", leaving.access(), null, clientAddress).replaceWithVoid().onFailure().recoverWithNull();
        return logout.invoke(() -> {
            synchronized (this) {
                ended();
                terminal.close();
            }
        });
    }

    /** A call with the session's token, refreshed once and tried again if the gateway refuses it as expired. */
    Uni<Reply> call(String method, String path, Object body) {
        Tokens used = tokens;
        Uni<Reply> first = "GET".equals(method) ? api.get(path, used.access(), clientAddress)
                : api.post(path, used.access(), body, clientAddress);
        return first.chain(reply -> reply.status() != 401 ? Uni.createFrom().item(reply)
                : refresh(used).chain(refreshed -> !refreshed || tokens == null ? Uni.createFrom().item(reply)
                        : "GET".equals(method) ? api.get(path, tokens.access(), clientAddress)
                        : api.post(path, tokens.access(), body, clientAddress)));
    }

    /** Writes a line; a Uni for the end of a command. */
    synchronized Uni<Void> say(String line) {
        terminal.line(line);
        return done();
    }

    /** The lines of a list of messages (history), each as live ones show. */
    synchronized List<String> messageLines(JsonNode message) {
        return live.messageLines(message);
    }

    /** What the gateway pushes, and the joins and sends it must know of; under this session's lock. */
    LiveFrames live() {
        return live;
    }

    static Uni<Void> done() {
        return Uni.createFrom().voidItem();
    }

    synchronized String label(String roomId) {
        return labels.get(roomId);
    }

    synchronized Map<String, String> labels() {
        return labels;
    }

    synchronized Map<String, String> channelIds() {
        return channelIds;
    }

    synchronized String currentRoomId() {
        return currentRoomId;
    }

    synchronized void moveTo(String roomId) {
        currentRoomId = roomId;
    }

    synchronized String userId() {
        return userId;
    }
}
