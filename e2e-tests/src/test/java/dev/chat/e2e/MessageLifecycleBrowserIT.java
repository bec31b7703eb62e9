package dev.chat.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.chat.e2e.BrowserIT.TRANSIENT;
import static dev.chat.e2e.BrowserIT.TRANSIENT_OR_CUT;
import static dev.chat.e2e.BrowserIT.api;
import static dev.chat.e2e.BrowserIT.assertCleanConsole;
import static dev.chat.e2e.BrowserIT.baseUrl;
import static dev.chat.e2e.BrowserIT.browsers;
import static dev.chat.e2e.BrowserIT.desktop;
import static dev.chat.e2e.BrowserIT.screenshots;
import static dev.chat.e2e.BrowserIT.seqs;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.PlaywrightException;

/**
 * What happens to messages once sent, in the browser: edits and deletions, reactions, search and the jump to a result,
 * room settings with retention and system lines, and the re-read of the open room after a reconnect. Started by
 * {@link BrowserIT}'s start-up, so the test JVM keeps one system ({@link RunningSystem#get()}); the browser is the class's.
 */
class MessageLifecycleBrowserIT {

    @BeforeAll
    static void start() throws Exception {
        BrowserIT.start();
    }

    @AfterAll
    static void stop() {
        BrowserIT.stop();
    }

    @Test
    void anAuthorEditsWithUpAndDeletesAfterConfirmingAndTheOthersSeeIt() {
        String room = Api.uniqueName("plans ");
        try (ChatPage alice = desktop(); ChatPage bob = desktop()) {
            alice.register(Api.uniqueName("alice"));
            bob.register(Api.uniqueName("bob"));
            alice.createRoom(room, "public");
            bob.joinPublicRoom(room);
            alice.sendAndAwaitAck("Meet at five");
            alice.sendAndAwaitAck("Bring snacks");
            assertThat(bob.message("Bring snacks")).isVisible();

            // Up in the empty box takes one's last message; Enter saves it; everyone sees the new text, marked edited.
            alice.composer().press("ArrowUp");
            assertThat(alice.byTestId("composer-editing")).isVisible();
            assertThat(alice.composer()).hasValue("Bring snacks");
            alice.composer().fill("Bring snacks and drinks");
            alice.screenshot(screenshots, "11-editing");
            alice.composer().press("Enter");
            assertThat(alice.byTestId("composer-editing")).isHidden();
            assertThat(alice.composer()).hasValue("");
            assertThat(bob.message("Bring snacks and drinks").getByTestId("message-edited")).isVisible();
            assertThat(alice.message("Bring snacks and drinks").getByTestId("message-edited")).isVisible();
            assertThat(bob.message("Bring snacks")).hasCount(0);
            // Escape leaves an edit without changing anything.
            alice.composer().press("ArrowUp");
            alice.composer().fill("never mind");
            alice.composer().press("Escape");
            assertThat(alice.byTestId("composer-editing")).isHidden();
            assertThat(alice.message("Bring snacks and drinks")).isVisible();

            // Bob may neither edit nor delete Alice's messages in her room.
            assertEquals(0, bob.message("Meet at five").getByTestId("message-actions").count());

            // Deleting asks first; cancelled, nothing happens; confirmed, the message is gone for everyone, its place kept.
            Locator first = alice.message("Meet at five");
            first.hover();
            first.getByTestId("message-delete").click();
            alice.byTestId("confirm-cancel").click();
            assertThat(alice.message("Meet at five")).isVisible();
            first.hover();
            first.getByTestId("message-delete").click();
            alice.byTestId("confirm-ok").click();
            assertThat(bob.message("Meet at five")).hasCount(0);
            assertThat(bob.page.locator("[data-testid=message-log] [data-deleted=true]")).hasCount(1);
            assertEquals(seqs(1, 2), bob.seqs(), "the deleted message keeps its seq");
            alice.screenshot(screenshots, "12-deleted");

            // After a reload the history shows the same: edited text, deleted place.
            bob.page.reload();
            bob.awaitSignedIn();
            bob.openRoom(room);
            assertThat(bob.message("Bring snacks and drinks").getByTestId("message-edited")).isVisible();
            assertThat(bob.page.locator("[data-testid=message-log] [data-deleted=true]")).hasCount(1);
            assertCleanConsole(TRANSIENT, alice, bob);
        }
    }

    /**
     * Reactions: Bob opens the picker on Alice's message with the keyboard (arrows move, Escape closes and gives focus back,
     * Enter picks); both see the chip, counted 1 and pressed only on Bob's screen; Alice's click on the chip makes it 2 for
     * both, Bob's click takes his back (1, Alice's still pressed); after a reload the history brings the count and Alice's
     * own. A picture goes to target/screenshots (docs/screenshots/10-reactions.png is a copy).
     */
    @Test
    void aMemberReactsAndTheOtherSeesTheCountLive() {
        String room = Api.uniqueName("cheers ");
        String thumbsUp = "\uD83D\uDC4D";
        String heart = "\u2764\uFE0F";
        try (ChatPage alice = desktop(); ChatPage bob = desktop()) {
            alice.register(Api.uniqueName("alice"));
            bob.register(Api.uniqueName("bob"));
            alice.createRoom(room, "public");
            bob.joinPublicRoom(room);
            alice.sendAndAwaitAck("We shipped the release!");
            bob.sendAndAwaitAck("Congratulations, everyone");
            Locator bobsView = bob.message("We shipped the release!");
            Locator alicesView = alice.message("We shipped the release!");
            assertThat(bobsView).isVisible();

            // The keyboard: Add reaction opens a menu with the first emoji focused; arrows move; Escape closes it.
            Locator react = bobsView.getByTestId("message-react");
            react.focus();
            bob.page.keyboard().press("Enter");
            assertThat(bob.byTestId("reaction-picker")).isVisible();
            assertThat(bob.reactionOption(thumbsUp)).isFocused();
            bob.page.keyboard().press("ArrowRight");
            assertThat(bob.reactionOption(heart)).isFocused();
            bob.page.keyboard().press("Tab");
            bob.page.keyboard().press("Shift+Tab");
            assertThat(bob.reactionOption(heart)).isFocused();
            bob.page.keyboard().press("Escape");
            assertThat(bob.byTestId("reaction-picker")).isHidden();
            assertThat(react).isFocused();
            // Again, and Enter picks the focused emoji.
            bob.page.keyboard().press("Enter");
            assertThat(bob.reactionOption(thumbsUp)).isFocused();
            bob.page.keyboard().press("Enter");
            assertThat(bob.byTestId("reaction-picker")).isHidden();
            assertThat(bob.reactionChip(bobsView, thumbsUp)).hasAttribute("data-count", "1");
            assertThat(bob.reactionChip(bobsView, thumbsUp)).hasAttribute("aria-pressed", "true");
            assertThat(alice.reactionChip(alicesView, thumbsUp)).hasAttribute("data-count", "1");
            assertThat(alice.reactionChip(alicesView, thumbsUp)).hasAttribute("aria-pressed", "false");

            // Alice adds hers by the chip: 2 for both.
            alice.reactionChip(alicesView, thumbsUp).click();
            assertThat(alice.reactionChip(alicesView, thumbsUp)).hasAttribute("aria-pressed", "true");
            assertThat(alice.reactionChip(alicesView, thumbsUp)).hasAttribute("data-count", "2");
            assertThat(bob.reactionChip(bobsView, thumbsUp)).hasAttribute("data-count", "2");
            assertThat(alice.reactionChip(alicesView, thumbsUp)).isFocused();
            // And a heart on Bob's message, by mouse.
            Locator bobsMessage = alice.message("Congratulations, everyone");
            bobsMessage.hover();
            bobsMessage.getByTestId("message-react").click();
            alice.reactionOption(heart).click();
            assertThat(bob.reactionChip(bob.message("Congratulations, everyone"), heart)).hasAttribute("data-count", "1");
            alice.page.mouse().move(0, 0);
            alice.composer().focus();
            alice.screenshot(screenshots, "13-reactions");

            // Bob takes his back: 1 for both; Alice's stays hers.
            bob.reactionChip(bobsView, thumbsUp).click();
            assertThat(bob.reactionChip(bobsView, thumbsUp)).hasAttribute("aria-pressed", "false");
            assertThat(bob.reactionChip(bobsView, thumbsUp)).hasAttribute("data-count", "1");
            assertThat(alice.reactionChip(alicesView, thumbsUp)).hasAttribute("data-count", "1");
            assertThat(alice.reactionChip(alicesView, thumbsUp)).hasAttribute("aria-pressed", "true");

            // History brings the counts and one's own.
            alice.page.reload();
            alice.awaitSignedIn();
            alice.openRoom(room);
            assertThat(alice.reactionChip(alice.message("We shipped the release!"), thumbsUp)).hasAttribute("data-count", "1");
            assertThat(alice.reactionChip(alice.message("We shipped the release!"), thumbsUp)).hasAttribute("aria-pressed", "true");
            assertThat(alice.reactionChip(alice.message("Congratulations, everyone"), heart)).hasAttribute("aria-pressed", "true");
            assertCleanConsole(TRANSIENT, alice, bob);
        }
    }

    /**
     * Search: a room with 60 messages, one early one holding a rare word. Ctrl+K opens the search; the result names the room
     * and marks the word; Down and Enter choose it: the room opens at that message (not loaded before), in view and marked.
     * Scrolling down reads on to the newest; a message sent meanwhile shows; a second jump and "Jump to latest" bring the
     * newest page back. Someone not in the room does not find the message. A picture goes to target/screenshots
     * (docs/screenshots/11-search.png is a copy).
     */
    @Test
    void searchFindsAMessageAndJumpsToIt() {
        Api.Session owner = api.newUser("chronicler");
        String room = Api.uniqueName("annals ");
        String roomId = api.as(owner.accessToken()).body(Map.of("name", room, "visibility", "public"))
                .post("/api/rooms").then().statusCode(201).extract().path("id");
        String word = Api.uniqueName("quokka");
        String early = "The " + word + " arrives at dawn, bring the camera";
        for (int i = 1; i <= 60; i++) {
            api.postMessage(owner, roomId, "s" + i, i == 7 ? early : "filler message " + i);
        }
        try (ChatPage reader = desktop(); ChatPage stranger = desktop()) {
            reader.register(Api.uniqueName("reader"));
            reader.page.navigate(baseUrl + "/#/room/" + roomId);
            reader.byTestId("join-submit").click();
            assertThat(reader.message("filler message 60")).isVisible();
            assertThat(reader.message(early)).hasCount(0);

            // Ctrl+K, even from the message box; the result names the room and marks the word.
            reader.composer().press("Control+K");
            Locator dialog = reader.byTestId("search-dialog");
            assertThat(dialog).isVisible();
            assertThat(reader.byTestId("search-input")).isFocused();
            reader.byTestId("search-input").fill(word);
            Locator result = reader.page.getByTestId("search-result");
            assertThat(result).hasCount(1);
            assertThat(result).hasAttribute("data-room-id", roomId);
            // The seventh message: seq 7, or later if the room's timeline also holds system lines (joins).
            int seq = Integer.parseInt(result.getAttribute("data-seq"));
            assertThat(result).containsText("#" + room);
            assertThat(result).containsText(owner.username());
            assertThat(result.locator("mark")).hasText(word);
            reader.screenshot(screenshots, "14-search");

            reader.byTestId("search-input").press("ArrowDown");
            assertThat(result).isFocused();
            reader.page.keyboard().press("Enter");
            assertThat(dialog).hasCount(0);
            Locator target = reader.message(early);
            assertThat(target).isInViewport();
            assertThat(target).hasAttribute("data-target", "true");
            assertThat(reader.byTestId("jump-latest")).hasText("Jump to latest");
            assertThat(reader.byTestId("history-edge")).hasAttribute("data-state", "start");
            assertEquals(seqs(1, seq + 25), reader.seqs(), "the page ending at the message and the page after it");

            // Scrolling down reads on to the newest; a message sent meanwhile arrives as usual.
            api.postMessage(owner, roomId, "s61", "written during the search");
            reader.byTestId("message-scroller").focus();
            reader.page.keyboard().press("End");
            assertThat(reader.message("written during the search")).isAttached();
            reader.page.keyboard().press("End");
            assertThat(reader.byTestId("jump-latest")).isHidden();
            reader.sendAndAwaitAck("Found it, thanks");
            List<Integer> all = reader.seqs();
            assertEquals(seqs(1, all.get(all.size() - 1)), all, "the whole room, gapless");

            // A second jump, a live message that waits below the window, and "Jump to latest".
            reader.page.keyboard().press("Control+K");
            assertThat(result).isVisible();
            result.click();
            assertThat(reader.message(early)).hasAttribute("data-target", "true");
            api.postMessage(owner, roomId, "s63", "newest of all");
            assertThat(reader.byTestId("jump-latest")).hasText("Jump to latest");
            assertThat(reader.message("newest of all")).hasCount(0);
            reader.byTestId("jump-latest").click();
            assertThat(reader.message("newest of all")).isInViewport();
            List<Integer> newest = reader.seqs();
            int last = newest.get(newest.size() - 1);
            assertEquals(seqs(last - 49, last), newest, "the newest page again");
            assertThat(reader.byTestId("jump-latest")).isHidden();

            // Someone who is not in the room finds nothing.
            stranger.register(Api.uniqueName("stranger"));
            stranger.search(word);
            assertThat(stranger.byTestId("search-status")).hasText("No messages found.");
            assertThat(stranger.page.getByTestId("search-result")).hasCount(0);
            assertCleanConsole(TRANSIENT, reader, stranger);
        }
    }

    /**
     * Room settings: the owner opens Room settings from the room menu; a limit out of range is said at its field; a topic,
     * "keep at most 10 messages" and system lines are saved: the header says both, live, for the other member too, and a
     * system line says what changed (centred, nothing to do with it, never unread); a join now shows as a line too. The
     * other member goes offline while the room's retention evicts past what they had seen; back online, the resume says
     * so, and their log starts at the lowest seq kept, gapless, under the line that says older messages were removed.
     * Turned off, system lines no longer show a leave. (The end-to-end system starts channels without system lines.) A
     * picture of each side goes to target/screenshots (docs/screenshots/12-room-settings.png and 13-system-lines.png are
     * copies).
     */
    @Test
    void theOwnerSetsRetentionAndTopicAndSystemLinesShow() {
        Api.Session owner = api.newUser("gardener");
        String room = Api.uniqueName("garden ");
        String topic = "Tomatoes, basil and patience";
        try (ChatPage host = desktop(); ChatPage guest = desktop()) {
            host.login(owner.username(), ChatPage.PASSWORD).awaitSignedIn();
            guest.register(Api.uniqueName("guest"));
            host.createRoom(room, "public");
            String roomId = host.openRoomId();
            guest.joinPublicRoom(room);
            for (int i = 1; i <= 12; i++) {
                api.postMessage(owner, roomId, "g" + i, "seedling " + i);
            }
            assertThat(guest.message("seedling 12")).isVisible();
            guest.openRoom("general");

            // The owner's settings: an out-of-range limit is said at its field; then a topic, at most 10 messages, lines on.
            host.byTestId("room-menu-button").click();
            host.byTestId("room-settings").click();
            Locator dialog = host.byTestId("room-settings-dialog");
            assertThat(dialog).isVisible();
            host.byTestId("room-settings-topic").fill(topic);
            host.byTestId("room-settings-max-messages").fill("5");
            host.byTestId("room-settings-save").click();
            assertThat(host.byTestId("room-settings-max-messages-error")).containsText("10 to 10,000,000");
            assertThat(host.byTestId("room-settings-max-messages")).isFocused();
            host.byTestId("room-settings-max-messages").fill("10");
            host.byTestId("room-settings-system-lines").check();
            host.screenshot(screenshots, "15-room-settings");
            host.byTestId("room-settings-save").click();
            assertThat(dialog).hasCount(0);
            assertThat(host.byTestId("room-topic")).hasText(topic);
            assertThat(host.byTestId("room-retention")).hasText("Only the newest 10 messages are kept.");
            Locator changed = host.systemLine("changed the topic");
            assertThat(changed).isVisible();
            assertEquals(0, changed.getByTestId("message-toolbar").count(), "no reactions, no edit, no delete on a system line");

            // The other member: the header follows, the line is there, and it is not unread.
            assertThat(guest.roomItem(room)).hasAttribute("data-unread", "0");
            guest.openRoom(room);
            assertThat(guest.byTestId("room-topic")).hasText(topic);
            assertThat(guest.byTestId("room-retention")).hasText("Only the newest 10 messages are kept.");
            assertThat(guest.systemLine("changed the topic")).isVisible();
            Api.Session visitor = api.newUser("visitor");
            api.join(visitor, roomId);
            assertThat(guest.systemLine(visitor.username() + " joined")).isVisible();
            guest.composer().focus();
            guest.screenshot(screenshots, "16-system-lines");
            assertEquals(List.of(), guest.accessibilityProblems("system lines, a topic and a retention"));
            List<Integer> seen = guest.seqs();
            int lastSeen = seen.get(seen.size() - 1);

            // Offline while the room goes on and its retention evicts past what the guest had seen.
            guest.context.setOffline(true);
            assertThat(guest.connectionState()).hasAttribute("data-state", "offline");
            int newest = 0;
            for (int i = 13; i <= 24; i++) {
                newest = api.postMessage(owner, roomId, "g" + i, "seedling " + i).path("seq");
            }
            int tenth = newest - 9;
            assertTrue(tenth > lastSeen + 1, "the guest will have missed evicted messages");
            host.page.waitForCondition(() -> evictedBefore(owner, roomId) >= tenth);
            int lowest = evictedBefore(owner, roomId);
            // The owner, online all along, drops what was evicted as it happens (the room frame with event evicted).
            assertThat(host.message("seedling 1")).hasCount(0);
            assertThat(host.byTestId("history-edge")).hasAttribute("data-state", "evicted");
            guest.context.setOffline(false);
            assertThat(guest.connectionState()).hasAttribute("data-state", "online");
            assertThat(guest.message("seedling 24")).isVisible();
            assertThat(guest.byTestId("history-edge")).hasAttribute("data-state", "evicted");
            assertThat(guest.byTestId("history-edge")).hasText("Older messages were removed by this room's retention policy.");
            // What was evicted while away goes from the screen too; the log settles within a few renders.
            List<Integer> kept = seqs(lowest, newest);
            try {
                guest.page.waitForCondition(() -> kept.equals(guest.seqs()), new Page.WaitForConditionOptions().setTimeout(10_000));
            } catch (PlaywrightException e) {
                // Said by the assertion below, with what the log holds.
            }
            assertEquals(kept, guest.seqs(), "gapless from the lowest seq kept");
            assertThat(guest.message("seedling 1")).hasCount(0);

            // System lines off: a leave shows no line.
            host.byTestId("room-menu-button").click();
            host.byTestId("room-settings").click();
            host.byTestId("room-settings-system-lines").uncheck();
            host.byTestId("room-settings-save").click();
            assertThat(host.byTestId("room-settings-dialog")).hasCount(0);
            guest.byTestId("room-menu-button").click();
            guest.byTestId("leave-room").click();
            guest.byTestId("confirm-ok").click();
            assertThat(host.member(guest.username)).hasCount(0);
            host.sendAndAwaitAck("Quiet now");
            assertThat(host.systemLine(guest.username + " left")).hasCount(0);
            assertCleanConsole(TRANSIENT, host);
            assertCleanConsole(TRANSIENT_OR_CUT, guest);
        }
    }

    /** The lowest seq a room keeps, from its history (0 while nothing was evicted). */
    int evictedBefore(Api.Session member, String roomId) {
        Integer seq = api.as(member.accessToken()).get("/api/rooms/" + roomId + "/messages?limit=1").then().statusCode(200)
                .extract().path("evictedBefore");
        return seq == null ? 0 : seq;
    }

    @Test
    void editsDeletionsAndReactionsMadeWhileTheSocketWasDownShowOnceItIsBack() {
        String thumbsUp = "\uD83D\uDC4D";
        String heart = "\u2764\uFE0F";
        Api.Session alice = api.newUser("alice");
        String roomId = api.createRoom(alice, "amends ");
        List<Integer> seqs = new ArrayList<>();
        for (String text : List.of("first", "second", "third", "fourth")) {
            seqs.add(api.postMessage(alice, roomId, "a-" + text, text).path("seq"));
        }
        SocketSwitch bobsSockets = new SocketSwitch();
        try (ChatPage bob = ChatPage.desktop(browsers.browser, baseUrl, bobsSockets::install)) {
            bob.register(Api.uniqueName("bob"));
            bob.page.navigate(baseUrl + "/#/room/" + roomId);
            bob.byTestId("join-submit").click();
            assertThat(bob.message("fourth")).isVisible();
            assertEquals(seqs, bob.seqs());
            Locator deleted = bob.page.locator("[data-testid=message-log] [data-deleted=true]");

            // 1. Bob's socket drops; meanwhile Alice edits one message, deletes another and reacts to a third. No new
            // message: nothing to resume, yet the open room is read again once he is back.
            bobsSockets.cut();
            assertThat(bob.connectionState()).hasAttribute("data-state", "reconnecting");
            String messages = "/api/rooms/" + roomId + "/messages/";
            api.as(alice.accessToken()).body(Map.of("text", "first, fixed")).patch(messages + seqs.get(0)).then().statusCode(200);
            api.as(alice.accessToken()).delete(messages + seqs.get(1)).then().statusCode(204);
            api.as(alice.accessToken()).body(Map.of("emoji", thumbsUp)).post(messages + seqs.get(2) + "/reactions")
                    .then().statusCode(200).body("count", equalTo(1));
            bob.page.waitForCondition(() -> bobsSockets.refused() >= 1);
            // Nothing came live: the page still shows them as they were.
            assertThat(bob.message("first")).isVisible();
            assertThat(deleted).hasCount(0);
            int readsBefore = bob.historyReads.size();
            bobsSockets.restore();
            assertThat(bob.connectionState()).hasAttribute("data-state", "online");
            assertThat(bob.message("first, fixed").getByTestId("message-edited")).isVisible();
            assertThat(bob.message("first")).hasCount(0);
            assertThat(deleted).hasCount(1);
            assertThat(deleted).hasAttribute("data-seq", String.valueOf(seqs.get(1)));
            assertThat(bob.message("second")).hasCount(0);
            assertThat(bob.reactionChip(bob.message("third"), thumbsUp)).hasAttribute("data-count", "1");
            assertThat(bob.reactionChip(bob.message("third"), thumbsUp)).hasAttribute("aria-pressed", "false");
            assertEquals(seqs, bob.seqs(), "no message added or lost");
            assertEquals(1, bob.historyReads.size() - readsBefore, "one re-read per reconnect: " + bob.historyReads);

            // 2. Again, and this time a new message too: it is resumed, and the re-read follows the resume.
            bobsSockets.cut();
            assertThat(bob.connectionState()).hasAttribute("data-state", "reconnecting");
            api.as(alice.accessToken()).delete(messages + seqs.get(2) + "/reactions/{emoji}", thumbsUp).then().statusCode(200);
            api.as(alice.accessToken()).body(Map.of("emoji", heart)).post(messages + seqs.get(3) + "/reactions").then().statusCode(200);
            api.as(alice.accessToken()).body(Map.of("text", "third, later")).patch(messages + seqs.get(2)).then().statusCode(200);
            int newest = api.postMessage(alice, roomId, "a-fifth", "fifth").path("seq");
            bob.page.waitForCondition(() -> bobsSockets.refused() >= 2);
            readsBefore = bob.historyReads.size();
            bobsSockets.restore();
            assertThat(bob.connectionState()).hasAttribute("data-state", "online");
            assertThat(bob.message("fifth")).isVisible();
            assertThat(bob.message("third, later").getByTestId("message-edited")).isVisible();
            assertThat(bob.reactionChip(bob.message("third, later"), thumbsUp)).hasCount(0);
            assertThat(bob.reactionChip(bob.message("fourth"), heart)).hasAttribute("data-count", "1");
            assertThat(bob.message("first, fixed")).isVisible();
            assertThat(deleted).hasCount(1);
            List<Integer> all = new ArrayList<>(seqs);
            all.add(newest);
            assertEquals(all, bob.seqs());
            assertEquals(1, bob.historyReads.size() - readsBefore, "one re-read per reconnect: " + bob.historyReads);
            assertCleanConsole(TRANSIENT, bob);
        }
    }
}
