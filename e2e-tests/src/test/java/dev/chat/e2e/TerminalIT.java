package dev.chat.e2e;

import static dev.chat.e2e.ChatIT.send;
import static dev.chat.e2e.WsClient.type;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chat.deploy.local.FreePorts;
import dev.chat.deploy.local.ServiceProcess;

/**
 * The terminal door end to end: a user of nc or telnet registers, logs in and talks on the same accounts, rooms and
 * history as the web, live both ways (the web user on another gateway instance); a private room lets them in when its
 * owner approves on the web; escape sequences never pass; an idle connection is told and closed.
 */
class TerminalIT {

    private static final String PASSWORD = "terminal-pass-1";

    static RunningSystem system;
    static Api api;
    static ServiceProcess secondGateway;
    static RunningSystem.TerminalDoor door;

    @BeforeAll
    static void start() throws Exception {
        system = RunningSystem.get();
        api = new Api(system.gatewayUrl());
        secondGateway = system.gateway(1);
        door = system.terminal();
    }

    /** Registers and logs in over the terminal; the new user's name. */
    private static String signUp(TerminalClient terminal, String prefix) throws Exception {
        String name = Api.uniqueName(prefix);
        terminal.awaitStart("* Welcome to chat.");
        assertTrue(terminal.ask("/register " + name + " " + PASSWORD + " " + name + "@example.com", "* ")
                .startsWith("* registered " + name), terminal.lines().toString());
        assertTrue(terminal.ask("/login " + name + " " + PASSWORD, "* ").startsWith("* welcome, " + name + ". You are in #general"),
                terminal.lines().toString());
        return name;
    }

    private static boolean isMessage(JsonNode frame, String text) {
        return "message".equals(frame.path("type").asText()) && text.equals(frame.path("text").asText());
    }

    @Test
    void aTerminalUserAndAWebUserTalkBothWaysAndShareHistory() throws Exception {
        Api.Session ann = api.newUser("ann");
        String roomId = api.createRoom(ann, "harbour ");
        String room = api.as(ann.accessToken()).get("/api/rooms/" + roomId).then().extract().path("name");
        Instant before = Instant.now().minusSeconds(1);
        try (TerminalClient terminal = TerminalClient.connect(door.port());
                WsClient web = WsClient.connect(secondGateway.url(), ann.accessToken())) {
            web.await(type("welcome"));
            String bob = signUp(terminal, "bob");
            assertEquals("* you joined #" + room + "; now talking there", terminal.ask("/join \"" + room + "\"", "* "));
            web.await(f -> "member".equals(f.path("type").asText()) && bob.equals(f.path("username").asText()));

            web.send(send(roomId, "w1", "hello from the web"));
            terminal.await(line -> line.equals("[" + room + "] " + ann.username() + ": hello from the web"));

            terminal.send("hello from the \u001b[31mterminal\u001b[0m\u0007");
            JsonNode heard = web.await(f -> isMessage(f, "hello from the terminal"));
            assertEquals(bob, heard.path("sender").path("username").asText());

            terminal.ask("/who", "* 2 in #" + room + ":");
            terminal.await(line -> line.startsWith("*   " + ann.username() + " (owner)"));
            terminal.await(line -> line.startsWith("*   " + bob + "  "));

            terminal.ask("/history since " + before, "* history of #" + room + " since");
            terminal.await(line -> line.equals("[" + room + "] " + bob + ": hello from the terminal"));
            terminal.await(line -> line.equals("* end of history"));

            terminal.send("/msg " + ann.username() + " psst, privately");
            JsonNode direct = web.await(f -> isMessage(f, "psst, privately"));
            assertFalse(roomId.equals(direct.path("roomId").asText()), "a direct conversation, not the room");
            web.send(send(direct.path("roomId").asText(), "w2", "got it"));
            terminal.await(line -> line.equals("[@" + ann.username() + "] " + ann.username() + ": got it"));

            assertEquals("* bye", terminal.ask("/quit", "* bye"));
            assertTrue(terminal.awaitClosed(), "the door closes after /quit");
            // What the terminal showed, in the build's output: the README's sample session comes from it.
            System.out.println("[terminal session]\n" + String.join("\n", terminal.lines()));
        }
        // The web sees the terminal's line in history like any other.
        List<String> texts = api.as(ann.accessToken()).get("/api/rooms/" + roomId + "/messages").then().extract().jsonPath()
                .getList("messages.text");
        assertEquals(List.of("hello from the web", "hello from the terminal"), texts);
    }

    @Test
    void aPrivateRoomLetsATerminalUserInWhenItsOwnerApprovesOnTheWeb() throws Exception {
        Api.Session owner = api.newUser("owner");
        String roomId = api.as(owner.accessToken()).body(Map.of("name", Api.uniqueName("vault "), "visibility", "private"))
                .post("/api/rooms").then().statusCode(201).extract().path("id");
        String room = api.as(owner.accessToken()).get("/api/rooms/" + roomId).then().extract().path("name");
        try (TerminalClient terminal = TerminalClient.connect(door.port());
                WsClient web = WsClient.connect(system.gatewayUrl(), owner.accessToken())) {
            web.await(type("welcome"));
            String carol = signUp(terminal, "carol");
            assertTrue(terminal.ask("/join \"" + room.toUpperCase() + "\"", "* ").startsWith("* #" + room + " is private: your request"),
                    terminal.lines().toString());
            JsonNode request = web.await(type("join-request"));
            assertEquals(carol, request.path("username").asText());

            api.as(owner.accessToken()).post("/api/rooms/" + roomId + "/join-requests/" + request.path("userId").asText() + "/approve")
                    .then().statusCode(204);
            terminal.await(line -> line.startsWith("* you are now a member of #" + room));
            assertEquals("* now talking in #" + room, terminal.ask("/join \"" + room + "\"", "* "));
            terminal.send("thank you");
            web.await(f -> isMessage(f, "thank you"));
        }
    }

    @Test
    void mistakesAreAnsweredWithWhatWouldWorkAndNothingIsDoneBeforeLogin() throws Exception {
        try (TerminalClient terminal = TerminalClient.connect(door.port())) {
            terminal.awaitStart("* Welcome to chat.");
            assertTrue(terminal.ask("/dance", "* ").startsWith("* unknown command /dance; the commands: /register"));
            assertEquals("* usage: /login name password", terminal.ask("/login onlyaname", "* "));
            assertTrue(terminal.ask("hello?", "* ").startsWith("* log in first"));
            assertTrue(terminal.ask("/login nobody-" + System.nanoTime() + " wrong-password", "* ").startsWith("* not logged in:"));
            terminal.sendRaw(("x".repeat(5000) + "\n").getBytes(StandardCharsets.UTF_8));
            terminal.await(line -> line.equals("* that line was over 4096 bytes and was dropped"));
            assertEquals("* usage: /history [n | since ISO-time, e.g. 2026-12-01T09:00:00Z]", terminal.ask("/history a b c", "* "));
        }
    }

    @Test
    void theTlsPortIsTheSameDoor() throws Exception {
        Path[] pem = SelfSignedPem.write(Path.of("target", "terminal-tls"));
        int tlsPort = FreePorts.next();
        RunningSystem.TerminalDoor secured = system.startTerminal(Map.of("chat.terminal.tls.port", String.valueOf(tlsPort),
                "chat.terminal.tls.certificate", pem[0].toAbsolutePath().toString(),
                "chat.terminal.tls.key", pem[1].toAbsolutePath().toString()));
        try (TerminalClient terminal = TerminalClient.connectTls(tlsPort)) {
            String dave = signUp(terminal, "dave");
            assertTrue(terminal.ask("/rooms", "* your rooms").startsWith("* your rooms"));
            terminal.await(line -> line.startsWith("*   #general"));
            assertTrue(dave.startsWith("dave"));
        } finally {
            secured.process().close();
        }
    }

    @Test
    void anIdleConnectionIsToldAndClosed() throws Exception {
        RunningSystem.TerminalDoor impatient = system.startTerminal(Map.of("chat.terminal.idle-timeout", "PT2S"));
        try (TerminalClient terminal = TerminalClient.connect(impatient.port())) {
            terminal.awaitStart("* Welcome to chat.");
            terminal.await(line -> line.equals("* no line for 2 s; closing the connection. Come back any time."));
            assertTrue(terminal.awaitClosed(), "closed after the notice");
        } finally {
            impatient.process().close();
        }
    }

    @Test
    void aTerminalUserStaysLoggedInWhileTheGatewayBehindTheDoorRestarts() throws Exception {
        ServiceProcess gateway = system.startPrivateGateway(Map.of());
        RunningSystem.TerminalDoor own = system.startTerminal(Map.of("chat.terminal.gateway-url", gateway.url()));
        ServiceProcess replacement = null;
        Api.Session ann = api.newUser("ann");
        String roomId = api.createRoom(ann, "quay ");
        String room = api.as(ann.accessToken()).get("/api/rooms/" + roomId).then().extract().path("name");
        try (TerminalClient terminal = TerminalClient.connect(own.port())) {
            signUp(terminal, "erin");
            assertEquals("* you joined #" + room + "; now talking there", terminal.ask("/join \"" + room + "\"", "* "));

            gateway.kill();
            terminal.await(line -> line.equals("* the connection to the chat closed; reconnecting..."));
            api.postMessage(ann, roomId, "while-away", "said while you were away");
            // A new gateway where the old one was, as a cluster's Service stays where it is; tries come at most 15 s apart.
            replacement = system.startPrivateGateway(Map.of(), gateway.port());
            terminal.await(line -> line.equals("* reconnected"), Duration.ofSeconds(40));
            // The resume from the last seq seen brings what was said meanwhile.
            terminal.await(line -> line.equals("[" + room + "] " + ann.username() + ": said while you were away"));

            api.postMessage(ann, roomId, "after-restart", "still there?");
            terminal.await(line -> line.equals("[" + room + "] " + ann.username() + ": still there?"));
            terminal.send("yes, still here");
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> api.as(ann.accessToken())
                    .get("/api/rooms/" + roomId + "/messages").then().extract().jsonPath().getList("messages.text")
                    .contains("yes, still here"));
            assertTrue(terminal.lines().stream().noneMatch(line -> line.contains("/login again")), terminal.lines().toString());
        } finally {
            own.process().close();
            if (replacement != null) {
                replacement.close();
            }
        }
    }
}
