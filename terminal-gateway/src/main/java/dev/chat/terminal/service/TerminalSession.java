package dev.chat.terminal.service;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import dev.chat.terminal.client.GatewayApi;
import dev.chat.terminal.client.GatewayApi.Reply;
import dev.chat.terminal.domain.Command;
import dev.chat.terminal.domain.FrameLines;
import io.smallrye.mutiny.Uni;

/**
 * One terminal connection's user, as a web tab would be: logged in with the gateway's REST API, following their rooms
 * over {@code /ws}, talking in one current room at a time. Lines are taken one at a time, in order: a command that
 * waits for the gateway holds the next line back, so what a user typed happens in the order typed.
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
    private static final String LOG_IN_FIRST = "* log in first: /login name password (new here? /register name password email)";

    private final Terminal terminal;
    /** The terminal's address, for the gateway's per-address limits. */
    private final String clientAddress;
    private final GatewayApi api;
    private final Sockets sockets;
    private final FrameLines lines;
    private final String connectionId = UUID.randomUUID().toString().substring(0, 8);
    private final Queue<Command> waiting = new ArrayDeque<>();
    private final Map<String, String> labels = new HashMap<>();
    /** Channels the user is a member of, by lower-case name. */
    private final Map<String, String> channelIds = new HashMap<>();
    /** clientMsgIds this connection sent and has not seen back: its own messages are not shown twice. */
    private final Set<String> sent = new HashSet<>();
    /** Rooms this connection is joining now: their own join event is answered by the join, not announced. */
    private final Set<String> joining = new HashSet<>();
    private boolean busy;
    private boolean closed;
    private Tokens tokens;
    private String userId;
    private String username;
    private String currentRoomId;
    private Sockets.Handle socket;
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
        this.lines = new FrameLines(this::label, gatewayUrl);
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
                        : say("* not registered: " + problem(reply)));
    }

    private Uni<Void> login(Command.Login login) {
        if (tokens != null) {
            return say("* you are logged in as " + username + "; /quit first to log in as someone else");
        }
        return api.post("/api/auth/login", null, Map.of("username", login.username(), "password", login.password()), clientAddress)
                .chain(reply -> {
                    if (!reply.ok()) {
                        return say("* not logged in: " + problem(reply));
                    }
                    synchronized (this) {
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

    private synchronized void socketClosed() {
        if (!closed && tokens != null) {
            terminal.line("* the connection to the chat closed; /login again to go on");
            tokens = null;
            socket = null;
        }
    }

    /** A frame from the gateway, on the socket's event loop. */
    private synchronized void frame(JsonNode frame) {
        if (closed) {
            return;
        }
        String type = frame.path("type").asText();
        if ("message".equals(type) && sent.remove(frame.path("clientMsgId").asText())
                && userId.equals(frame.path("sender").path("id").asText())) {
            return;
        }
        if ("error".equals(type) && sent.contains(frame.path("ref").asText())) {
            sent.remove(frame.path("ref").asText());
            terminal.line("* not sent: " + frame.path("message").asText());
            return;
        }
        if ("member".equals(type) && userId.equals(frame.path("userId").asText()) && "joined".equals(frame.path("event").asText())) {
            // One's own join: a /join here says so itself; one nobody here asked for now is an approval on the web.
            String roomId = frame.path("roomId").asText();
            if (!labels.containsKey(roomId) && !joining.contains(roomId)) {
                Rooms.load(this).subscribe().with(ok -> announceJoined(roomId), failure -> announceJoined(roomId));
            }
            return;
        }
        if ("member".equals(type) && !labels.containsKey(frame.path("roomId").asText())) {
            // A room this connection does not know yet (a direct conversation being opened): nothing to say.
            return;
        }
        if ("message".equals(type) && !labels.containsKey(frame.path("roomId").asText())) {
            // A direct conversation someone else opened: known from the list, shown meanwhile by its sender.
            labels.put(frame.path("roomId").asText(), "@" + frame.path("sender").path("username").asText());
            Rooms.load(this).subscribe().with(ok -> { }, failure -> { });
        }
        for (String line : lines.of(frame)) {
            terminal.line(line);
        }
    }

    private synchronized void announceJoined(String roomId) {
        if (label(roomId) == null || !label(roomId).startsWith("#")) {
            // A direct conversation someone opened with this user: its first message will show it.
            return;
        }
        String name = label(roomId).substring(1);
        terminal.line("* you are now a member of #" + name + "; /join " + (name.contains(" ") ? "\"" + name + "\"" : name)
                + " to talk there");
    }

    Uni<Void> send(String roomId, String text) {
        synchronized (this) {
            if (socket == null || !socket.isOpen()) {
                return say("* not connected to the chat; /login again");
            }
            String clientMsgId = "t" + connectionId + "-" + (++sends);
            sent.add(clientMsgId);
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
                : api.post("/api/auth/refresh", null, Map.of("refreshToken", used.refresh()), clientAddress).chain(refreshed -> {
                    if (!refreshed.ok()) {
                        return Uni.createFrom().item(reply);
                    }
                    synchronized (this) {
                        tokens = new Tokens(refreshed.body().path("accessToken").asText(),
                                refreshed.body().path("refreshToken").asText());
                    }
                    return "GET".equals(method) ? api.get(path, tokens.access(), clientAddress)
                            : api.post(path, tokens.access(), body, clientAddress);
                }));
    }

    /** Writes a line; a Uni for the end of a command. */
    synchronized Uni<Void> say(String line) {
        terminal.line(line);
        return done();
    }

    /** The lines of a list of messages (history), each as live ones show. */
    synchronized List<String> messageLines(JsonNode message) {
        return lines.message(message);
    }

    /** A refusal's line: the problem's detail (which names each field that is wrong). */
    static String problem(Reply reply) {
        return reply.detail();
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

    synchronized Set<String> joining() {
        return joining;
    }

    synchronized String userId() {
        return userId;
    }
}
