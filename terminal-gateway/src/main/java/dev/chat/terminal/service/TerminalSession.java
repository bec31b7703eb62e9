package dev.chat.terminal.service;

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
import dev.chat.terminal.service.GatewayLink.Tokens;
import io.smallrye.mutiny.Uni;

/**
 * One terminal connection's user, as a web tab would be: logged in with the gateway's REST API, following their rooms
 * over {@code /ws}, talking in one current room at a time. Lines are taken one at a time, in order: a command that
 * waits for the gateway holds the next line back, so what a user typed happens in the order typed. The room commands
 * are {@link Rooms}; what the gateway pushes is shown by {@link LiveFrames}; the tokens and the socket are the
 * {@link GatewayLink}'s.
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

    private static final String LOG_IN_FIRST = "* log in first: /login name password (new here? /register name password email)";

    private final Terminal terminal;
    private final GatewayLink link;
    private final LiveFrames live;
    private final String connectionId = UUID.randomUUID().toString().substring(0, 8);
    private final Queue<Command> waiting = new ArrayDeque<>();
    private final Map<String, String> labels = new HashMap<>();
    /** Channels the user is a member of, by lower-case name. */
    private final Map<String, String> channelIds = new HashMap<>();
    private boolean busy;
    private boolean closed;
    private String userId;
    private String username;
    private String currentRoomId;
    private long sends;

    public TerminalSession(Terminal terminal, GatewayApi api, Sockets sockets, String gatewayUrl, String clientAddress) {
        this.terminal = terminal;
        this.live = new LiveFrames(this, terminal, gatewayUrl);
        this.link = new GatewayLink(this, terminal, api, sockets, clientAddress, this::frame, live::positions);
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
        link.keepAlive();
        if (!busy) {
            next();
        }
    }

    /** The connection went away: the gateway's socket goes with it. */
    public synchronized void ended() {
        closed = true;
        waiting.clear();
        link.close();
    }

    public boolean isLoggedIn() {
        return link.isLoggedIn();
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
        if (!link.isLoggedIn()) {
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
        if (link.isLoggedIn()) {
            return say("* you are logged in as " + username + "; /quit first to register another account");
        }
        return link.anonymous("/api/auth/register", Map.of("username", register.username(), "password", register.password(),
                "email", register.email())).chain(reply -> reply.ok()
                        ? say("* registered " + reply.body().path("username").asText() + "; now /login "
                                + reply.body().path("username").asText() + " password")
                        : say("* not registered: " + reply.detail()));
    }

    private Uni<Void> login(Command.Login login) {
        if (link.isLoggedIn()) {
            return say("* you are logged in as " + username + "; /quit first to log in as someone else");
        }
        return link.anonymous("/api/auth/login", Map.of("username", login.username(), "password", login.password()))
                .chain(reply -> {
                    if (!reply.ok()) {
                        return say("* not logged in: " + reply.detail());
                    }
                    synchronized (this) {
                        link.loggedIn(new Tokens(reply.body().path("accessToken").asText(), reply.body().path("refreshToken").asText()));
                        userId = reply.body().path("user").path("id").asText();
                        username = reply.body().path("user").path("username").asText();
                    }
                    return Rooms.load(this).chain(link::connect).chain(() -> {
                        String general = labels.get(currentRoomId);
                        return say("* welcome, " + username + ". You are in " + (general == null ? "no room" : general)
                                + "; type to talk, /join room to go elsewhere, /help for the rest.");
                    });
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
            String clientMsgId = "t" + connectionId + "-" + (sends + 1);
            if (!link.sendFrame(Map.of("type", "send", "roomId", roomId, "clientMsgId", clientMsgId, "text", text))) {
                // Only while a reconnect is under way: a session that gave up is logged out and never gets here.
                return say("* not sent: reconnecting to the chat; try again in a moment");
            }
            sends++;
            live.sending(clientMsgId);
        }
        return done();
    }

    private Uni<Void> quit() {
        say("* bye");
        return link.logOut().invoke(() -> {
            synchronized (this) {
                ended();
                terminal.close();
            }
        });
    }

    /** A call with the login's token (see {@link GatewayLink#call}). */
    Uni<Reply> call(String method, String path, Object body) {
        return link.call(method, path, body);
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
