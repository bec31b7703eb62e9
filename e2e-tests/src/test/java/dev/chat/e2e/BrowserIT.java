package dev.chat.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.WebSocketRoute;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.ColorScheme;

/**
 * The web client in a real browser (headless Chromium driven by Playwright) against the real system: services as
 * processes, real Kafka, PostgreSQL and Redis. Each test is people in their own browser contexts, doing what people do.
 * Screenshots of the main screens go to {@code e2e-tests/target/screenshots/}. What happens to messages once sent is
 * {@link MessageLifecycleBrowserIT}'s, which starts up through {@link #start()} and uses the helpers here.
 */
class BrowserIT {

    static final String XSS = "<img src=x onerror=alert(1)>";
    /**
     * The browser logs every HTTP error response as a console error. Allowed are only those a test provokes on purpose
     * (a wrong password: 401, 403, 409) and 503, the contract's transient service_unavailable, which the client retries.
     */
    static final Pattern PROVOKED = Pattern.compile("^Failed to load resource: the server responded with a status of (401|403|409|503) ");
    static final Pattern TRANSIENT = Pattern.compile("^Failed to load resource: the server responded with a status of 503 ");
    /** The browser's own log of a request it could not make while the test had cut the network on purpose. */
    static final Pattern TRANSIENT_OR_CUT = Pattern.compile(
            "^Failed to load resource: (the server responded with a status of 503 |net::ERR_INTERNET_DISCONNECTED)");

    static final ObjectMapper JSON = new ObjectMapper();

    static RunningSystem system;
    static Api api;
    static String baseUrl;
    static BrowserSupport browsers;
    static Path screenshots;

    /** The system is the test JVM's one (RunningSystem.get()); the browser is started per class and closed by {@link #stop()}. */
    @BeforeAll
    static void start() throws Exception {
        Path target = Path.of(System.getProperty("chat.project.root", "..")).toAbsolutePath().normalize().resolve("e2e-tests/target");
        screenshots = target.resolve("screenshots");
        system = RunningSystem.get();
        baseUrl = system.gatewayUrl();
        api = new Api(baseUrl);
        browsers = BrowserSupport.start(target);
        // Generous for a loaded CI machine; a passing step takes milliseconds.
        PlaywrightAssertions.setDefaultAssertionTimeout(10_000);
    }

    @AfterAll
    static void stop() {
        if (browsers != null) {
            browsers.close();
        }
    }

    static ChatPage desktop() {
        return ChatPage.desktop(browsers.browser, baseUrl);
    }

    static List<Integer> seqs(int from, int to) {
        return IntStream.rangeClosed(from, to).boxed().toList();
    }

    static void assertCleanConsole(Pattern allowed, ChatPage... pages) {
        for (ChatPage page : pages) {
            assertEquals(List.of(), page.unexpectedConsoleErrors(allowed),
                    "console errors of " + page.username + " (HTTP errors: " + page.failedRequests + ")");
            assertEquals(List.of(), page.dialogs, "dialogs opened on " + page.username + "'s page");
        }
    }

    @Test
    void twoPeopleTalkInARoomAndInADirectConversation() {
        String room = Api.uniqueName("lounge ");
        try (ChatPage alice = desktop(); ChatPage bob = desktop()) {
            assertThat(alice.byTestId("login-form")).isVisible();
            alice.screenshot(screenshots, "01-sign-in");
            alice.register(Api.uniqueName("alice"));
            bob.register(Api.uniqueName("bob"));
            assertThat(alice.title()).containsText("general");

            alice.byTestId("create-room").click();
            Locator dialog = alice.byTestId("create-room-dialog");
            dialog.getByLabel("Name").fill(room);
            dialog.getByLabel("Topic (optional)").fill("Coffee, <b>plans</b> & everything else");
            alice.screenshot(screenshots, "03-create-room");
            dialog.getByTestId("create-room-submit").click();
            assertThat(alice.title()).containsText(room);
            assertThat(alice.byTestId("room-topic")).hasText("Coffee, <b>plans</b> & everything else");

            bob.joinPublicRoom(room);

            // Shown at once, pending until the ack turns it to sent; others see it as someone else's.
            alice.send("Hello Bob, welcome!");
            assertThat(alice.ownMessage("Hello Bob, welcome!")).hasAttribute("data-status", "sent");
            assertThat(bob.message("Hello Bob, welcome!")).hasAttribute("data-own", "false");
            assertThat(bob.message("Hello Bob, welcome!").getByTestId("message-sender")).hasText(alice.username);
            assertThat(bob.message("Hello Bob, welcome!").getByTestId("message-time")).not().isEmpty();
            bob.sendAndAwaitAck("Hi Alice!");
            assertThat(alice.message("Hi Alice!").getByTestId("message-sender")).hasText(bob.username);
            assertEquals(seqs(1, 2), alice.seqs());
            assertEquals(seqs(1, 2), bob.seqs());

            bob.composer().pressSequentially("I am writing some", new Locator.PressSequentiallyOptions().setDelay(15));
            assertThat(alice.byTestId("typing-indicator")).hasText(bob.username + " is typing…");
            bob.composer().fill("");

            // Text, never markup: the tag shows literally and no image (or its onerror) exists.
            bob.sendAndAwaitAck(XSS);
            assertThat(alice.message(XSS).getByTestId("message-text")).hasText(XSS);
            assertEquals(0, alice.page.locator("[data-testid=message-log] img").count());
            assertEquals(0, bob.page.locator("[data-testid=message-log] img").count());

            alice.startDirectMessage(bob.username);
            alice.sendAndAwaitAck("Psst, a word in private?");
            Locator dmBadge = bob.dmItem(alice.username).getByTestId("unread-badge");
            assertThat(dmBadge).hasText("1");
            bob.dmItem(alice.username).click();
            assertThat(bob.message("Psst, a word in private?")).isVisible();
            assertThat(dmBadge).hasCount(0);
            // The read marker reached the server: after a reload the conversation is still read.
            bob.openRoom(room);
            bob.page.reload();
            bob.awaitSignedIn();
            assertThat(bob.dmItem(alice.username)).hasAttribute("data-unread", "0");
            assertThat(bob.title()).containsText(room);

            // A room's badge the same way: Alice writes in the room while Bob reads their conversation.
            bob.dmItem(alice.username).click();
            bob.sendAndAwaitAck("Sure, what is up?");
            assertThat(alice.message("Sure, what is up?")).isVisible();
            alice.screenshot(screenshots, "04-direct-message");
            alice.openRoom(room);
            alice.sendAndAwaitAck("Back in the room: lunch at noon?");
            Locator roomBadge = bob.roomItem(room).getByTestId("unread-badge");
            assertThat(roomBadge).hasText("1");
            bob.openRoom(room);
            assertThat(bob.message("Back in the room: lunch at noon?")).isVisible();
            assertThat(roomBadge).hasCount(0);
            bob.sendAndAwaitAck("Noon works for me.");
            assertThat(alice.message("Noon works for me.")).isVisible();
            alice.screenshot(screenshots, "02-room");

            assertCleanConsole(TRANSIENT, alice, bob);
        }
    }

    /** Needs presence (issue 5): presence frames and online flags in user and member lists. */
    @Test
    void presenceShowsWhoIsOnline() {
        try (ChatPage alice = desktop()) {
            ChatPage bob = desktop();
            try {
                bob.register(Api.uniqueName("bob"));
                alice.register(Api.uniqueName("alice"));
                // Both are in the general room: each sees the other among the people online, with a green dot.
                assertThat(alice.onlineUser(bob.username)).isVisible();
                assertThat(alice.onlineUser(bob.username).getByTestId("presence-dot")).hasAttribute("data-online", "true");
                assertThat(alice.member(bob.username)).hasAttribute("data-online", "true");
                assertThat(bob.onlineUser(alice.username)).isVisible();
                alice.startDirectMessage(bob.username);
                assertThat(alice.title().getByTestId("presence-dot")).hasAttribute("data-online", "true");
            } finally {
                bob.close();
            }
            // Bob's tab closes: his dot goes grey and he leaves the online list.
            assertThat(alice.title().getByTestId("presence-dot")).hasAttribute("data-online", "false");
            assertThat(alice.onlineUser(bob.username)).hasCount(0);
            assertCleanConsole(TRANSIENT, alice);
        }
    }

    @Test
    void aDroppedConnectionCatchesUpWithNoGapAndNoDuplicate() {
        String room = Api.uniqueName("relay ");
        SocketSwitch carolsSockets = new SocketSwitch();
        // Carol's WebSockets go through a switch the test can open; Bob's are the browser's own.
        try (ChatPage alice = desktop(); ChatPage bob = desktop();
                ChatPage carol = ChatPage.desktop(browsers.browser, baseUrl, carolsSockets::install)) {
            alice.register(Api.uniqueName("alice"));
            bob.register(Api.uniqueName("bob"));
            carol.register(Api.uniqueName("carol"));
            alice.createRoom(room, "public");
            String roomId = alice.openRoomId();
            // Bob comes by the invite link; Carol through the room list.
            bob.page.navigate(baseUrl + "/#/room/" + roomId);
            assertThat(bob.byTestId("join-panel")).isVisible();
            bob.byTestId("join-submit").click();
            assertThat(bob.title()).containsText(room);
            carol.joinPublicRoom(room);
            alice.sendAndAwaitAck("first");
            bob.sendAndAwaitAck("second");
            assertThat(carol.message("second")).isVisible();

            // 1. Bob's network goes away. What he writes meanwhile waits as pending.
            bob.context.setOffline(true);
            assertThat(bob.connectionState()).hasAttribute("data-state", "offline");
            for (int i = 1; i <= 4; i++) {
                alice.sendAndAwaitAck("while Bob is offline " + i);
            }
            bob.send("written offline");
            assertThat(bob.ownMessage("written offline")).hasAttribute("data-status", "pending");
            bob.context.setOffline(false);
            assertThat(bob.connectionState()).hasAttribute("data-state", "online");
            assertThat(bob.ownMessage("written offline")).hasAttribute("data-status", "sent");
            assertThat(alice.message("written offline")).isVisible();
            assertThat(bob.message("while Bob is offline 4")).isVisible();
            assertThat(bob.confirmedMessages()).hasCount(7);
            assertEquals(seqs(1, 7), bob.seqs(), "Bob's log after the network came back");
            assertThat(alice.confirmedMessages()).hasCount(7);
            assertEquals(seqs(1, 7), alice.seqs());

            // 2. Carol's connection is cut, and reconnecting fails for a while (backoff), then succeeds.
            carolsSockets.cut();
            assertThat(carol.connectionState()).hasAttribute("data-state", "reconnecting");
            for (int i = 1; i <= 3; i++) {
                alice.sendAndAwaitAck("while Carol is away " + i);
            }
            // Her client keeps trying (with backoff) and is refused; the route's events arrive while Playwright waits.
            carol.page.waitForCondition(() -> carolsSockets.refused() >= 1);
            carolsSockets.restore();
            assertThat(carol.connectionState()).hasAttribute("data-state", "online");
            assertThat(carol.message("while Carol is away 3")).isVisible();
            assertThat(carol.confirmedMessages()).hasCount(10);
            assertEquals(seqs(1, 10), carol.seqs(), "Carol's log after reconnecting");
            // And live traffic goes on over the new connection.
            carol.sendAndAwaitAck("back");
            assertThat(bob.message("back")).isVisible();
            assertThat(bob.confirmedMessages()).hasCount(11);
            assertEquals(seqs(1, 11), bob.seqs());

            assertCleanConsole(TRANSIENT, alice, carol);
            assertCleanConsole(TRANSIENT_OR_CUT, bob);
        }
    }

    @Test
    void theLogScrollsBackThroughHistory() {
        Api.Session owner = api.newUser("hist");
        String roomId = api.as(owner.accessToken()).body(Map.of("name", Api.uniqueName("archive "), "visibility", "public"))
                .post("/api/rooms").then().statusCode(201).extract().path("id");
        for (int i = 1; i <= 75; i++) {
            api.as(owner.accessToken()).body(Map.of("clientMsgId", "h" + i, "text", "history " + i))
                    .post("/api/rooms/" + roomId + "/messages").then().statusCode(201);
        }
        try (ChatPage reader = desktop()) {
            reader.register(Api.uniqueName("reader"));
            reader.page.navigate(baseUrl + "/#/room/" + roomId);
            reader.byTestId("join-submit").click();
            assertThat(reader.message("history 75")).isVisible();
            assertEquals(seqs(26, 75), reader.seqs(), "the newest page first");
            // Keyboard: focus the log and go to its top; the older page loads above, in seq order.
            reader.byTestId("message-scroller").focus();
            reader.page.keyboard().press("Home");
            assertThat(reader.byTestId("history-edge")).hasAttribute("data-state", "start");
            assertThat(reader.message("history 1")).isAttached();
            assertEquals(seqs(1, 75), reader.seqs());
            assertCleanConsole(TRANSIENT, reader);
        }
    }

    @Test
    void privateRoomsTakeAPasswordOrAnOwnersApprovalAndCanBeLeftOrDeleted() {
        String secret = Api.uniqueName("secret ");
        String vault = Api.uniqueName("vault ");
        try (ChatPage owner = desktop(); ChatPage guest = desktop()) {
            owner.register(Api.uniqueName("owner"));
            guest.register(Api.uniqueName("guest"));

            owner.createRoom(secret, "private");
            String secretId = owner.openRoomId();
            guest.page.navigate(baseUrl + "/#/room/" + secretId);
            assertThat(guest.byTestId("join-panel")).containsText("private");
            guest.byTestId("join-submit").click();
            assertThat(guest.byTestId("join-status")).containsText("Request sent");

            Locator requests = owner.byTestId("join-requests");
            assertThat(requests).containsText("1");
            requests.click();
            owner.page.locator("[data-testid=join-request][data-username=\"" + guest.username + "\"]")
                    .getByTestId("approve-request").click();
            assertThat(owner.byTestId("no-join-requests")).isVisible();
            owner.page.keyboard().press("Escape");
            assertThat(owner.byTestId("join-requests-dialog")).isHidden();
            // Approved: the guest's join panel turns into the room.
            assertThat(guest.title()).containsText(secret);
            assertThat(guest.roomItem(secret)).isVisible();
            guest.sendAndAwaitAck("Thanks for letting me in");
            assertThat(owner.message("Thanks for letting me in")).isVisible();

            // Leaving: the room goes from the guest's list.
            guest.byTestId("room-menu-button").click();
            guest.byTestId("leave-room").click();
            guest.byTestId("confirm-ok").click();
            assertThat(guest.roomItem(secret)).hasCount(0);
            assertThat(owner.member(guest.username)).hasCount(0);

            // A password room: a wrong password is said so, the right one lets in at once.
            owner.byTestId("create-room").click();
            Locator dialog = owner.byTestId("create-room-dialog");
            dialog.getByLabel("Name").fill(vault);
            dialog.getByTestId("visibility-password").check();
            dialog.getByTestId("create-room-password").fill("open sesame");
            dialog.getByTestId("create-room-submit").click();
            assertThat(owner.title()).containsText(vault);
            String vaultId = owner.openRoomId();
            guest.page.navigate(baseUrl + "/#/room/" + vaultId);
            guest.byTestId("join-password").fill("open barley");
            guest.byTestId("join-submit").click();
            assertThat(guest.byTestId("join-password-error")).hasText("Wrong password. Leave it empty to ask the owner instead.");
            guest.byTestId("join-password").fill("open sesame");
            guest.byTestId("join-password").press("Enter");
            assertThat(guest.title()).containsText(vault);
            // The owner's member list has caught up (its refresh must not race the deletion below).
            assertThat(owner.member(guest.username)).isVisible();

            // Deleting: gone for everyone.
            owner.byTestId("room-menu-button").click();
            owner.byTestId("delete-room").click();
            owner.byTestId("confirm-ok").click();
            assertThat(owner.roomItem(vault)).hasCount(0);
            assertThat(guest.roomItem(vault)).hasCount(0);
            assertThat(guest.byTestId("notices")).containsText("#" + vault + " was deleted.");
            assertThat(guest.title()).containsText("general");

            assertCleanConsole(PROVOKED, owner, guest);
        }
    }

    @Test
    void signInErrorsShowInlineAndAPhoneShowsOnePaneAtATime() {
        String name = Api.uniqueName("phone");
        api.register(name, ChatPage.PASSWORD).then().statusCode(201);
        try (ChatPage phone = ChatPage.phone(browsers.browser, baseUrl)) {
            phone.login(name, "not the password");
            assertThat(phone.byTestId("login-error")).hasText("Wrong username or password.");
            phone.byTestId("show-register").click();
            phone.byTestId("register-username").fill(name);
            phone.byTestId("register-email").fill(name + "@example.org");
            phone.byTestId("register-password").fill(ChatPage.PASSWORD);
            phone.byTestId("register-submit").click();
            assertThat(phone.byTestId("register-username-error")).containsText("taken");
            phone.byTestId("show-login").click();
            phone.login(name, ChatPage.PASSWORD).awaitSignedIn();

            // The room list alone, as wide as the screen and no wider.
            assertThat(phone.byTestId("room-list")).isVisible();
            assertThat(phone.byTestId("chat-view")).isHidden();
            assertEquals(375, ((Number) phone.page.evaluate("document.documentElement.scrollWidth")).intValue());
            phone.screenshot(screenshots, "05-phone-rooms");

            phone.roomItem("general").click();
            assertThat(phone.byTestId("chat-view")).isVisible();
            assertThat(phone.byTestId("room-list")).isHidden();
            phone.sendAndAwaitAck("Hello from a phone");
            assertEquals(375, ((Number) phone.page.evaluate("document.documentElement.scrollWidth")).intValue());
            phone.screenshot(screenshots, "06-phone-chat");
            phone.byTestId("back-to-list").click();
            assertThat(phone.byTestId("room-list")).isVisible();

            // Keyboard: Escape closes a dialog.
            phone.byTestId("create-room").click();
            assertThat(phone.byTestId("create-room-dialog")).isVisible();
            phone.page.keyboard().press("Escape");
            assertThat(phone.byTestId("create-room-dialog")).hasCount(0);

            phone.byTestId("logout").click();
            assertThat(phone.byTestId("login-form")).isVisible();
            assertCleanConsole(PROVOKED, phone);
        }
    }

    /**
     * The shared canvas (contract v2, Sketch): two people in one channel open it; each draws with the mouse and both see
     * every stroke at the same canvas seq (gapless: one op, one seq); an undo takes the caller's own stroke away for both,
     * and in the panel Ctrl+Shift+Z and Ctrl+Z redo and undo it again; after a reload the canvas loads as it was and takes
     * new strokes; at a phone's width the canvas takes the whole width and still draws. The canvas screen passes axe-core
     * in both schemes. A picture of the screen goes to target/screenshots (docs/screenshots/07-sketch-canvas.png is a copy).
     */
    @Test
    void twoPeopleDrawOnTheSharedCanvasAndAnUndoOutlastsAReload() {
        String room = Api.uniqueName("studio ");
        try (ChatPage alice = desktop(); ChatPage bob = desktop()) {
            alice.register(Api.uniqueName("alice"));
            bob.register(Api.uniqueName("bob"));
            alice.createRoom(room, "public");
            bob.joinPublicRoom(room);
            alice.openCanvas();
            bob.openCanvas();
            Locator aliceCanvas = alice.sketchCanvas();
            Locator bobCanvas = bob.sketchCanvas();
            assertThat(aliceCanvas).hasAttribute("data-strokes", "0");
            int start = Integer.parseInt(aliceCanvas.getAttribute("data-seq"));
            assertThat(bobCanvas).hasAttribute("data-seq", String.valueOf(start));

            // Alice's stroke: shown at once, stored (no longer pending) with the next seq, and on Bob's canvas too.
            alice.drawOnCanvas(0.12, 0.2, 0.7, 0.45);
            assertThat(aliceCanvas).hasAttribute("data-strokes", "1");
            assertThat(aliceCanvas).hasAttribute("data-pending", "0");
            assertThat(aliceCanvas).hasAttribute("data-seq", String.valueOf(start + 1));
            assertThat(bobCanvas).hasAttribute("data-strokes", "1");
            assertThat(bobCanvas).hasAttribute("data-seq", String.valueOf(start + 1));

            // Bob's, in another colour and width.
            bob.byTestId("sketch-color").fill("#e03131");
            bob.byTestId("sketch-width").fill("24");
            bob.drawOnCanvas(0.85, 0.12, 0.3, 0.85);
            assertThat(bobCanvas).hasAttribute("data-strokes", "2");
            assertThat(aliceCanvas).hasAttribute("data-strokes", "2");
            assertThat(aliceCanvas).hasAttribute("data-seq", String.valueOf(start + 2));
            assertThat(bobCanvas).hasAttribute("data-seq", String.valueOf(start + 2));

            // Alice's undo takes her own stroke away, for both; Bob's stays (he still has one to undo, she has none).
            alice.byTestId("sketch-undo").click();
            assertThat(aliceCanvas).hasAttribute("data-strokes", "1");
            assertThat(bobCanvas).hasAttribute("data-strokes", "1");
            assertThat(bobCanvas).hasAttribute("data-seq", String.valueOf(start + 3));
            assertThat(alice.byTestId("sketch-undo")).hasAttribute("aria-disabled", "true");
            assertThat(bob.byTestId("sketch-undo")).hasAttribute("aria-disabled", "false");
            // The keys, while focus is in the panel (still on the undo button): redo brings it back, undo takes it again.
            assertThat(alice.byTestId("sketch-undo")).isFocused();
            alice.page.keyboard().press("Control+Shift+Z");
            assertThat(bobCanvas).hasAttribute("data-strokes", "2");
            assertThat(bobCanvas).hasAttribute("data-seq", String.valueOf(start + 4));
            alice.page.keyboard().press("Control+Z");
            assertThat(bobCanvas).hasAttribute("data-strokes", "1");
            assertThat(bobCanvas).hasAttribute("data-seq", String.valueOf(start + 5));
            assertThat(aliceCanvas).hasAttribute("data-strokes", "1");
            assertThat(aliceCanvas).hasAttribute("data-seq", String.valueOf(start + 5));

            // A reload: the canvas loads as it was, undo included, and takes new strokes.
            alice.page.reload();
            alice.awaitSignedIn();
            assertThat(alice.title()).containsText(room);
            alice.openCanvas();
            assertThat(aliceCanvas).hasAttribute("data-strokes", "1");
            assertThat(aliceCanvas).hasAttribute("data-seq", String.valueOf(start + 5));
            assertThat(alice.byTestId("sketch-undo")).hasAttribute("aria-disabled", "true");
            alice.byTestId("sketch-color").fill("#1971c2");
            alice.byTestId("sketch-width").fill("12");
            alice.drawOnCanvas(0.1, 0.8, 0.55, 0.62);
            assertThat(aliceCanvas).hasAttribute("data-strokes", "2");
            assertThat(bobCanvas).hasAttribute("data-strokes", "2");
            assertThat(bobCanvas).hasAttribute("data-seq", String.valueOf(start + 6));

            assertEquals(List.of(), alice.accessibilityProblems("the shared canvas"));
            alice.screenshot(screenshots, "09-sketch-canvas");

            // At a phone's width the canvas takes the place of the conversation, as wide as the screen, and still draws.
            bob.page.setViewportSize(375, 720);
            assertThat(bob.byTestId("message-scroller")).isHidden();
            assertEquals(375, ((Number) bob.page.evaluate("document.documentElement.scrollWidth")).intValue());
            assertEquals(375, (int) Math.round(bob.byTestId("sketch-panel").boundingBox().width));
            bob.drawOnCanvas(0.2, 0.5, 0.8, 0.5);
            assertThat(aliceCanvas).hasAttribute("data-strokes", "3");
            assertThat(bobCanvas).hasAttribute("data-seq", String.valueOf(start + 7));

            assertCleanConsole(TRANSIENT, alice, bob);
        }
    }

    /**
     * Accessibility, measured (issue 12): every screen, at a desktop's and a phone's width and in the dark and the light
     * colour scheme, passes axe-core (WCAG 2.0 to 2.2 at levels A and AA, and its best practices: one main landmark, a
     * level-one heading, skip links that lead somewhere...), shows a focus ring of at least 3:1 on every control, and on a
     * phone has no control under 44 x 44 px. The screens: sign in; create an account, empty and with its errors; a room to
     * join; a room with members and messages of one's own and of others (on a phone also the room list and the members
     * sheet); the reaction picker and a message with a reaction; the room menu, the invite dialog and a confirmation; the
     * dialogs to create a room, find rooms and start a conversation; a direct conversation, with another room's unread
     * badge (on a phone, the room list with it); the search dialog with a result; a room's settings, with an error.
     */
    @Test
    void everyScreenPassesAxeInBothColourSchemesAtBothWidths() {
        Api.Session friend = api.newUser("friend");
        String room = Api.uniqueName("terrace ");
        String roomId = api.as(friend.accessToken()).body(Map.of("name", room, "topic", "Plants, sun and tea", "visibility", "public"))
                .post("/api/rooms").then().statusCode(201).extract().path("id");
        List<String> problems = new ArrayList<>();
        for (boolean onPhone : List.of(false, true)) {
            try (ChatPage tab = onPhone ? ChatPage.phone(browsers.browser, baseUrl) : desktop()) {
                problems.addAll(accessibilityWalk(tab, friend, roomId, room));
                assertCleanConsole(TRANSIENT, tab);
            }
        }
        assertEquals(List.of(), problems, "accessibility problems:\n" + String.join("\n", problems) + "\n");
    }

    /** Goes through every screen of the web client, one person's way, and collects what {@link ChatPage#accessibilityProblems} finds. */
    private List<String> accessibilityWalk(ChatPage tab, Api.Session friend, String roomId, String room) {
        List<String> problems = new ArrayList<>();
        assertThat(tab.byTestId("login-form")).isVisible();
        problems.addAll(tab.accessibilityProblems("sign in"));
        tab.byTestId("show-register").click();
        problems.addAll(tab.accessibilityProblems("create an account"));
        tab.byTestId("register-submit").click();
        assertThat(tab.byTestId("register-username-error")).not().isEmpty();
        problems.addAll(tab.accessibilityProblems("create an account, with errors"));
        tab.byTestId("show-login").click();
        tab.register(Api.uniqueName("reader"));

        if (tab.phone) {
            // The room list alone: still a main landmark and a level-one heading, and the skip link leads to the list.
            assertThat(tab.page.locator("main")).isVisible();
            assertThat(tab.page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1))).hasText("Chat");
            Locator skipTarget = tab.page.locator(tab.byTestId("skip-link").getAttribute("href"));
            assertThat(skipTarget).isVisible();
            tab.byTestId("skip-link").press("Enter");
            assertThat(skipTarget).isFocused();
            problems.addAll(tab.accessibilityProblems("the room list"));
        }

        tab.page.navigate(baseUrl + "/#/room/" + roomId);
        assertThat(tab.byTestId("join-room-name")).hasText("#" + room);
        problems.addAll(tab.accessibilityProblems("a room to join"));
        tab.byTestId("join-submit").click();
        assertThat(tab.composer()).isVisible();
        // The skip link leads past the sidebar to the message box.
        tab.byTestId("skip-link").press("Enter");
        assertThat(tab.composer()).isFocused();
        tab.sendAndAwaitAck("Hello, I am new here.");
        String welcome = "Welcome, " + tab.username + "!";
        api.as(friend.accessToken()).body(Map.of("clientMsgId", UUID.randomUUID().toString(), "text", welcome))
                .post("/api/rooms/" + roomId + "/messages").then().statusCode(201);
        assertThat(tab.message(welcome)).isVisible();
        if (!tab.phone) {
            assertThat(tab.member(friend.username())).isVisible();
        }
        problems.addAll(tab.accessibilityProblems("a room with members"));
        tab.page.emulateMedia(new Page.EmulateMediaOptions().setColorScheme(ColorScheme.DARK));
        tab.screenshot(screenshots, tab.phone ? "08-phone-chat-dark" : "07-room-dark");
        tab.page.emulateMedia(new Page.EmulateMediaOptions().setColorScheme(ColorScheme.LIGHT));
        if (tab.phone) {
            tab.byTestId("members-toggle").click();
            assertThat(tab.member(friend.username())).isVisible();
            problems.addAll(tab.accessibilityProblems("the members sheet"));
            tab.byTestId("members-close").click();
            assertThat(tab.byTestId("members-panel")).isHidden();
        }
        // Reactions: the picker, opened from the keyboard, and a message with a reaction of one's own.
        Locator welcomed = tab.message(welcome);
        welcomed.getByTestId("message-react").focus();
        tab.page.keyboard().press("Enter");
        assertThat(tab.byTestId("reaction-picker")).isVisible();
        problems.addAll(tab.accessibilityProblems("the reaction picker"));
        tab.reactionOption("\uD83C\uDF89").click();
        assertThat(tab.reactionChip(welcomed, "\uD83C\uDF89")).hasAttribute("aria-pressed", "true");
        problems.addAll(tab.accessibilityProblems("a message with a reaction"));
        tab.byTestId("room-menu-button").click();
        assertThat(tab.byTestId("room-menu")).isVisible();
        problems.addAll(tab.accessibilityProblems("the room menu"));
        tab.byTestId("invite-link").click();
        assertThat(tab.byTestId("invite-dialog")).isVisible();
        problems.addAll(tab.accessibilityProblems("the invite dialog"));
        tab.page.keyboard().press("Escape");
        assertThat(tab.byTestId("invite-dialog")).hasCount(0);
        tab.byTestId("room-menu-button").click();
        tab.byTestId("leave-room").click();
        assertThat(tab.byTestId("confirm-dialog")).isVisible();
        problems.addAll(tab.accessibilityProblems("a confirmation"));
        tab.byTestId("confirm-cancel").click();
        assertThat(tab.byTestId("confirm-dialog")).hasCount(0);
        if (tab.phone) {
            tab.byTestId("back-to-list").click();
            assertThat(tab.byTestId("room-list")).isVisible();
        }

        tab.byTestId("create-room").click();
        assertThat(tab.byTestId("create-room-dialog")).isVisible();
        problems.addAll(tab.accessibilityProblems("the create-room dialog"));
        tab.page.keyboard().press("Escape");
        assertThat(tab.byTestId("create-room-dialog")).hasCount(0);
        tab.byTestId("browse-rooms").click();
        assertThat(tab.page.locator("[data-testid=public-room][data-room-name=\"" + room + "\"]")).isVisible();
        problems.addAll(tab.accessibilityProblems("the find-rooms dialog"));
        tab.page.keyboard().press("Escape");
        assertThat(tab.byTestId("browse-dialog")).hasCount(0);
        tab.byTestId("new-dm").click();
        Locator dialog = tab.byTestId("new-dm-dialog");
        dialog.getByLabel("Find people").fill(friend.username());
        Locator result = dialog.locator("[data-testid=user-result][data-username=\"" + friend.username() + "\"]");
        assertThat(result).isVisible();
        problems.addAll(tab.accessibilityProblems("the new-conversation dialog"));

        result.click();
        assertThat(tab.title()).containsText(friend.username());
        tab.sendAndAwaitAck("Have you got a minute?");
        String reply = "Sure, " + tab.username + ".";
        api.as(friend.accessToken()).body(Map.of("clientMsgId", UUID.randomUUID().toString(), "text", reply))
                .post("/api/rooms/" + tab.openRoomId() + "/messages").then().statusCode(201);
        assertThat(tab.message(reply)).isVisible();
        // Meanwhile in the room: its unread badge (white on red) is on screen too.
        api.as(friend.accessToken()).body(Map.of("clientMsgId", UUID.randomUUID().toString(), "text", "Tea is ready"))
                .post("/api/rooms/" + roomId + "/messages").then().statusCode(201);
        assertThat(tab.roomItem(room).getByTestId("unread-badge")).hasText("1");
        problems.addAll(tab.accessibilityProblems("a direct conversation"));
        if (tab.phone) {
            tab.byTestId("back-to-list").click();
            assertThat(tab.roomItem(room).getByTestId("unread-badge")).isVisible();
            problems.addAll(tab.accessibilityProblems("the room list, with unread messages"));
        }

        // Search, with a result whose words are marked.
        tab.search("welcome " + tab.username);
        assertThat(tab.page.getByTestId("search-result")).hasCount(1);
        assertThat(tab.page.getByTestId("search-result").locator("mark").first()).hasText("Welcome");
        problems.addAll(tab.accessibilityProblems("the search dialog, with a result"));
        tab.page.keyboard().press("Escape");
        assertThat(tab.byTestId("search-dialog")).hasCount(0);

        // A room of one's own: its settings, and their errors.
        tab.createRoom(Api.uniqueName("porch "), "public");
        tab.byTestId("room-menu-button").click();
        tab.byTestId("room-settings").click();
        assertThat(tab.byTestId("room-settings-dialog")).isVisible();
        problems.addAll(tab.accessibilityProblems("the room settings"));
        tab.byTestId("room-settings-max-age").fill("0");
        tab.byTestId("room-settings-save").click();
        assertThat(tab.byTestId("room-settings-max-age-error")).not().isEmpty();
        problems.addAll(tab.accessibilityProblems("the room settings, with an error"));
        tab.page.keyboard().press("Escape");
        assertThat(tab.byTestId("room-settings-dialog")).hasCount(0);
        return problems;
    }

    /**
     * Delivery (issue 12): to a client that accepts gzip, the web client's files and the API's JSON go out compressed; the
     * files are revalidated on every use (no-cache, and an ETag of their content: 304 while it is unchanged, the whole
     * file once it changed), so an upgrade shows at the next load, not a day later; the page describes itself and a
     * robots.txt tells crawlers what to leave alone. (Lighthouse itself needs Node; what its SEO audit looks at is here
     * and in axe-core's rules: lang, title, labels, link text.)
     */
    @Test
    void theClientIsServedCompressedRevalidatedAndDescribed() throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        Map<String, String> texts = new HashMap<>();
        for (String path : List.of("/", "/js/main.js", "/js/views/app-view.js", "/css/app.css", "/favicon.svg", "/robots.txt")) {
            HttpResponse<byte[]> full = http.send(get(path).header("Accept-Encoding", "gzip").build(), BodyHandlers.ofByteArray());
            assertEquals(200, full.statusCode(), path);
            assertEquals(Optional.of("gzip"), full.headers().firstValue("Content-Encoding"), path);
            assertEquals(Optional.of("no-cache"), full.headers().firstValue("Cache-Control"), path);
            String etag = full.headers().firstValue("ETag").orElseThrow(() -> new AssertionError("no ETag on " + path));
            texts.put(path, gunzip(full.body()));

            HttpResponse<byte[]> unchanged = http.send(get(path).header("If-None-Match", etag).build(), BodyHandlers.ofByteArray());
            assertEquals(304, unchanged.statusCode(), path + " revalidated with its ETag");
            assertEquals(0, unchanged.body().length, path);
            assertEquals(Optional.of(etag), unchanged.headers().firstValue("ETag"), path);
            HttpResponse<byte[]> changed = http.send(get(path).header("If-None-Match", "W/\"an-older-version\"").build(),
                    BodyHandlers.ofByteArray());
            assertEquals(200, changed.statusCode(), path + " revalidated with another version's ETag");
            assertTrue(changed.body().length > 0, path);
        }
        // Uncompressed for a client that does not ask.
        HttpResponse<String> plain = http.send(get("/js/main.js").build(), BodyHandlers.ofString());
        assertEquals(Optional.empty(), plain.headers().firstValue("Content-Encoding").filter("gzip"::equals));
        assertEquals(texts.get("/js/main.js"), plain.body());

        String index = texts.get("/");
        assertTrue(Pattern.compile("<meta name=\"description\" content=\"[^\"]{50,160}\">").matcher(index).find(), index);
        assertTrue(index.contains("<html lang=\"en\">") && index.contains("<title>"), index);
        String robots = texts.get("/robots.txt");
        assertTrue(robots.contains("User-agent: *") && robots.contains("Disallow: /api/"), robots);

        Api.Session reader = api.newUser("gzip");
        HttpResponse<byte[]> rooms = http.send(get("/api/rooms").header("Authorization", "Bearer " + reader.accessToken())
                .header("Accept-Encoding", "gzip").build(), BodyHandlers.ofByteArray());
        assertEquals(200, rooms.statusCode());
        assertEquals(Optional.of("gzip"), rooms.headers().firstValue("Content-Encoding"));
        assertTrue(rooms.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        assertTrue(JSON.readTree(gunzip(rooms.body())).isArray());
    }

    HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(10)).GET();
    }

    static String gunzip(byte[] body) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("not gzip", e);
        }
    }

    /**
     * The text limit is the server's: the client takes it from the welcome frame's limits (here rewritten to 12) for the
     * composer's maxlength and its own check, and refuses a longer text without sending it.
     */
    @Test
    void theComposerTakesItsTextLimitFromTheWelcome() {
        int limit = 12;
        try (ChatPage dana = ChatPage.desktop(browsers.browser, baseUrl, page -> page.routeWebSocket(Pattern.compile(".*/ws(\\?.*)?$"),
                socket -> {
                    WebSocketRoute server = socket.connectToServer();
                    server.onMessage(frame -> socket.send(withTextLimit(frame.text(), limit)));
                }))) {
            dana.register(Api.uniqueName("dana"));
            dana.createRoom(Api.uniqueName("limits "), "public");
            assertThat(dana.composer()).hasAttribute("maxlength", String.valueOf(limit));

            dana.sendAndAwaitAck("x".repeat(limit));
            // Set past the attribute (a script can, and maxlength counts UTF-16 units): the client's own check refuses it.
            String tooLong = "y".repeat(limit + 1);
            dana.composer().evaluate("(input, text) => { input.value = text; }", tooLong);
            dana.composer().press("Enter");
            assertThat(dana.composer()).hasValue(tooLong);
            dana.sendAndAwaitAck("z".repeat(limit));
            assertThat(dana.messages()).hasCount(2);
            assertThat(dana.message(tooLong)).hasCount(0);
            assertCleanConsole(TRANSIENT, dana);
        }
    }

    /** A server frame with the welcome's limits.maxTextLength set to `limit`; other frames as they are. */
    static String withTextLimit(String frame, int limit) {
        try {
            ObjectNode node = (ObjectNode) JSON.readTree(frame);
            if ("welcome".equals(node.path("type").asText())) {
                node.withObjectProperty("limits").put("maxTextLength", limit);
                return JSON.writeValueAsString(node);
            }
            return frame;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("not a JSON frame: " + frame, e);
        }
    }
}
