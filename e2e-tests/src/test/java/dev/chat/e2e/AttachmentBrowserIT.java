package dev.chat.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.chat.e2e.BrowserIT.JSON;
import static dev.chat.e2e.BrowserIT.TRANSIENT;
import static dev.chat.e2e.BrowserIT.api;
import static dev.chat.e2e.BrowserIT.assertCleanConsole;
import static dev.chat.e2e.BrowserIT.baseUrl;
import static dev.chat.e2e.BrowserIT.browsers;
import static dev.chat.e2e.BrowserIT.desktop;
import static dev.chat.e2e.BrowserIT.screenshots;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.gson.JsonObject;
import com.microsoft.playwright.CDPSession;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.JSHandle;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Request;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.WebSocketRoute;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FilePayload;

/**
 * Image attachments in the browser (issue 19): attached with the button, pasted or dropped, uploaded with progress into
 * the tray, sent with a caption or alone; the other member's thumbnail, fetched with the token and shown through a blob
 * URL that goes when its message leaves the page; the full-size viewer; refusals said on their item (the server's 415
 * and 413, the client's own size check) and a cancelled upload; axe over the new parts. Started by {@link BrowserIT}'s
 * start-up, so the test JVM keeps one system ({@link RunningSystem#get()}); the browser is the class's.
 */
class AttachmentBrowserIT {

    /** The browser's console lines about the refusals these tests provoke on purpose, and the contract's transient 503. */
    static final Pattern REFUSED = Pattern.compile("^Failed to load resource: the server responded with a status of (403|413|415|503) ");
    /** As TRANSIENT, and the browser's line about a revoked blob URL that a test tried on purpose. */
    static final Pattern TRANSIENT_OR_REVOKED = Pattern.compile(
            "^Failed to load resource: (the server responded with a status of 503 |net::ERR_FILE_NOT_FOUND)");
    /** Whether a blob URL still shows an image: revoked, it no longer loads. */
    static final String STILL_LOADS = """
            src => new Promise(resolve => {
              const probe = new Image();
              probe.onload = () => resolve(true);
              probe.onerror = () => resolve(false);
              probe.src = src;
            })""";
    /** A DataTransfer holding a PNG drawn in the page, as a paste or a drop carries it. */
    static final String IMAGE_TRANSFER = """
            async ({ name, width, height }) => {
              const canvas = new OffscreenCanvas(width, height);
              const g = canvas.getContext('2d');
              g.fillStyle = '#2f9e44';
              g.fillRect(0, 0, width, height);
              g.fillStyle = '#ffd43b';
              g.beginPath();
              g.arc(width / 2, height / 2, Math.min(width, height) / 3, 0, 2 * Math.PI);
              g.fill();
              const data = new DataTransfer();
              data.items.add(new File([await canvas.convertToBlob({ type: 'image/png' })], name, { type: 'image/png' }));
              return data;
            }""";

    @BeforeAll
    static void start() throws Exception {
        BrowserIT.start();
    }

    @AfterAll
    static void stop() {
        BrowserIT.stop();
    }

    /**
     * Alice attaches an 800 x 600 PNG with the button: the tray previews it, its progress bar reaches 100 and Send turns on;
     * she sends it with a caption and the tray empties. Bob sees the thumbnail in a box of its size, from a blob: URL, with
     * alt text; Enter opens the viewer with the original (800 x 600), its caption and a download under the attachment's
     * name; Escape closes it and gives focus back to the thumbnail. History brings it after a reload; switching rooms
     * revokes the blob URL. A tab whose reads are refused (403) shows "Image unavailable". axe over the message and the
     * viewer. A picture goes to target/screenshots (docs/screenshots/14-attachments.png is a copy).
     */
    @Test
    void anImageGoesWithACaptionAndTheOtherMemberOpensItFullSize() {
        String room = Api.uniqueName("harbour ");
        try (ChatPage alice = desktop(); ChatPage bob = desktop()) {
            alice.register(Api.uniqueName("alice"));
            bob.register(Api.uniqueName("bob"));
            alice.createRoom(room, "public");
            bob.joinPublicRoom(room);
            assertThat(alice.byTestId("composer-send")).isDisabled();

            alice.attach(new FilePayload("harbour.png", "image/png", picture(800, 600)));
            Locator item = alice.uploadItem("harbour.png");
            assertThat(item).hasAttribute("data-status", "done");
            assertThat(item.getByRole(AriaRole.PROGRESSBAR)).hasAttribute("aria-valuenow", "100");
            assertThat(item.getByTestId("upload-preview")).hasAttribute("src", Pattern.compile("^blob:"));
            assertThat(alice.byTestId("composer-send")).isEnabled();
            alice.composer().fill("The harbour at dusk");
            List<String> thumbnailReads = new CopyOnWriteArrayList<>();
            Consumer<Request> thumbnailRead = request -> {
                if (request.url().endsWith("/thumbnail")) {
                    thumbnailReads.add(request.url());
                }
            };
            alice.page.onRequest(thumbnailRead);
            alice.composer().press("Enter");
            assertThat(alice.ownMessage("The harbour at dusk")).hasAttribute("data-status", "sent");
            assertThat(alice.page.getByTestId("upload-item")).hasCount(0);
            assertThat(alice.thumbnails(alice.ownMessage("The harbour at dusk"))).hasAttribute("data-state", "loaded");
            // Her own image, now stored, goes on showing the file it was sent from: no empty box while a thumbnail loads.
            assertThat(alice.thumbnails(alice.ownMessage("The harbour at dusk"))).hasAttribute("src", Pattern.compile("^blob:"));
            alice.page.offRequest(thumbnailRead);
            assertEquals(List.of(), thumbnailReads, "the sender's own new image was not fetched again");

            // Bob's thumbnail: its box has the thumbnail's size (fitted to 240 px), the image comes from a blob URL.
            Locator message = bob.message("The harbour at dusk");
            Locator thumbnail = bob.thumbnails(message);
            assertThat(thumbnail).hasAttribute("data-state", "loaded");
            assertThat(thumbnail).hasAttribute("src", Pattern.compile("^blob:"));
            assertThat(thumbnail).hasAttribute("alt", "Image from " + alice.username + ", 800 × 600");
            assertTrue(((Number) thumbnail.evaluate("img => img.naturalWidth")).intValue() > 0, "the thumbnail decoded");
            var box = message.getByTestId("attachment-thumb").boundingBox();
            assertEquals(240, box.width, 1, "thumbnail box width");
            assertEquals(180, box.height, 1, "thumbnail box height");
            assertEquals(List.of(), bob.accessibilityProblems("a message with an image"));

            // The viewer, from the keyboard: the original's own size, its caption, a download; Escape gives focus back.
            Locator button = message.getByTestId("attachment-thumb");
            String attachmentId = button.getAttribute("data-attachment-id");
            button.focus();
            bob.page.keyboard().press("Enter");
            Locator viewer = bob.byTestId("image-viewer");
            Locator full = viewer.getByTestId("viewer-image");
            assertThat(full).hasAttribute("data-state", "loaded");
            assertEquals(800, ((Number) full.evaluate("img => img.naturalWidth")).intValue());
            assertEquals(600, ((Number) full.evaluate("img => img.naturalHeight")).intValue());
            assertThat(viewer.getByTestId("viewer-caption")).containsText("800 × 600 pixels");
            Locator downloadLink = viewer.getByTestId("viewer-download");
            assertThat(downloadLink).hasAttribute("href", Pattern.compile("^blob:"));
            Download download = bob.page.waitForDownload(downloadLink::click);
            assertEquals(attachmentId + ".png", download.suggestedFilename());
            assertEquals(List.of(), bob.accessibilityProblems("the image viewer"));
            bob.page.keyboard().press("Escape");
            assertThat(viewer).hasCount(0);
            assertThat(button).isFocused();

            // A screenshot: Alice's room with the image, another one ready in the tray and one the server refused.
            alice.attach(new FilePayload("lighthouse.png", "image/png", picture(600, 800)),
                    new FilePayload("lighthouse.txt.png", "image/png", "a lighthouse, in words".getBytes(StandardCharsets.UTF_8)));
            assertThat(alice.uploadItem("lighthouse.png")).hasAttribute("data-status", "done");
            assertThat(alice.uploadItem("lighthouse.txt.png")).hasAttribute("data-status", "failed");
            alice.composer().fill("And the lighthouse");
            alice.page.mouse().move(0, 0);
            alice.screenshot(screenshots, "17-attachments");
            // Finished and refused uploads taken out of the tray are not sent.
            alice.uploadItem("lighthouse.png").getByTestId("upload-remove").click();
            alice.uploadItem("lighthouse.txt.png").getByTestId("upload-remove").click();
            assertThat(alice.page.getByTestId("upload-item")).hasCount(0);
            alice.sendAndAwaitAck("And the lighthouse");
            assertThat(alice.thumbnails(alice.ownMessage("And the lighthouse"))).hasCount(0);

            // History brings the image after a reload; leaving the room revokes the blob URL of what was on screen.
            bob.page.reload();
            bob.awaitSignedIn();
            bob.openRoom(room);
            Locator again = bob.thumbnails(bob.message("The harbour at dusk"));
            assertThat(again).hasAttribute("data-state", "loaded");
            String src = again.getAttribute("src");
            assertEquals(Boolean.TRUE, bob.page.evaluate(STILL_LOADS, src), "the blob URL on screen loads");
            bob.openRoom("general");
            assertEquals(Boolean.FALSE, bob.page.evaluate(STILL_LOADS, src), "the blob URL went with its message");
            assertCleanConsole(REFUSED, alice);
            assertCleanConsole(TRANSIENT_OR_REVOKED, bob);
        }

        // Someone whose reads are refused (as a member who left is) sees a placeholder, not a broken image.
        try (ChatPage carol = ChatPage.desktop(browsers.browser, baseUrl, page -> page.route("**/api/attachments/**",
                route -> route.fulfill(new Route.FulfillOptions().setStatus(403)
                        .setContentType("application/problem+json")
                        .setBody("{\"status\":403,\"code\":\"not_a_member\",\"detail\":\"not a member of this room\"}"))))) {
            carol.register(Api.uniqueName("carol"));
            carol.joinPublicRoom(room);
            Locator missing = carol.message("The harbour at dusk").getByTestId("attachment-missing");
            assertThat(missing).hasText("Image unavailable");
            assertThat(carol.thumbnails(carol.message("The harbour at dusk"))).not().hasAttribute("src", Pattern.compile("."));
            assertCleanConsole(REFUSED, carol);
        }
    }

    /**
     * What is refused says why on its item: a text file named .png passes the client's type hint and gets the server's
     * 415 (wrong type, with the types that work); a file over 5 MiB is refused before it is sent (too big, with the limit
     * in MB), and also by the server when the client is told a larger limit (413). Neither blocks sending text, and
     * sending empties the tray. An upload in flight (the network slowed down) is cancelled by its button and leaves the
     * tray, focus back in the message box. axe over the tray with its errors.
     */
    @Test
    void refusedUploadsSayWhyOnTheirItemAndACancelledOneGoes() {
        try (ChatPage dana = desktop()) {
            dana.register(Api.uniqueName("dana"));
            dana.createRoom(Api.uniqueName("darkroom "), "public");

            dana.attach(new FilePayload("notes.png", "image/png", "just some words, not a picture".getBytes(StandardCharsets.UTF_8)),
                    new FilePayload("huge.png", "image/png", new byte[5 * 1024 * 1024 + 1]));
            Locator fake = dana.uploadItem("notes.png");
            assertThat(fake).hasAttribute("data-status", "failed");
            assertThat(fake.getByTestId("upload-error")).hasText("Not an image this chat takes: use PNG, JPEG, GIF or WebP.");
            assertTrue(dana.failedRequests.stream().anyMatch(r -> r.matches("POST /api/rooms/[^/]+/attachments 415")),
                    "the server refused it: " + dana.failedRequests);
            Locator huge = dana.uploadItem("huge.png");
            assertThat(huge).hasAttribute("data-status", "rejected");
            assertThat(huge.getByTestId("upload-error")).hasText("Too big: an image can be at most 5 MB.");
            assertTrue(dana.failedRequests.stream().noneMatch(r -> r.endsWith(" 413")),
                    "the too big file was never sent: " + dana.failedRequests);
            assertThat(dana.byTestId("composer-send")).isDisabled();
            assertEquals(List.of(), dana.accessibilityProblems("the tray, with refused images"));

            // A refused item is taken out by its button; text still goes, and sending empties the tray.
            huge.getByTestId("upload-remove").click();
            assertThat(huge).hasCount(0);
            assertThat(fake).hasCount(1);
            dana.sendAndAwaitAck("No pictures after all");
            assertThat(dana.page.getByTestId("upload-item")).hasCount(0);

            // An upload in flight, slowed down, is cancelled by its button.
            CDPSession cdp = dana.context.newCDPSession(dana.page);
            cdp.send("Network.enable");
            cdp.send("Network.emulateNetworkConditions", network(48 * 1024));
            dana.attach(new FilePayload("noise.png", "image/png", noise(700, 700)));
            Locator slow = dana.uploadItem("noise.png");
            assertThat(slow).hasAttribute("data-status", "uploading");
            // The bar follows the bytes sent (XMLHttpRequest's upload progress), short of 100 until the server answers.
            assertThat(slow.getByRole(AriaRole.PROGRESSBAR)).hasAttribute("aria-valuenow", Pattern.compile("^[1-9][0-9]?$"));
            assertThat(slow.getByTestId("upload-remove")).hasAccessibleName("Cancel upload of noise.png");
            slow.getByTestId("upload-remove").click();
            assertThat(slow).hasCount(0);
            assertThat(dana.composer()).isFocused();
            cdp.send("Network.emulateNetworkConditions", network(-1));
            assertCleanConsole(REFUSED, dana);
        }

        // Told a larger limit than the server keeps, the client sends a 6 MiB file: the server's 413 says it is too big.
        int told = 50 * 1024 * 1024;
        try (ChatPage erin = ChatPage.desktop(browsers.browser, baseUrl, page -> page.routeWebSocket(Pattern.compile(".*/ws(\\?.*)?$"),
                socket -> {
                    WebSocketRoute server = socket.connectToServer();
                    server.onMessage(frame -> socket.send(withAttachmentLimit(frame.text(), told)));
                }))) {
            erin.register(Api.uniqueName("erin"));
            erin.createRoom(Api.uniqueName("vault "), "public");
            erin.attach(new FilePayload("six.png", "image/png", new byte[6 * 1024 * 1024]));
            Locator six = erin.uploadItem("six.png");
            assertThat(six).hasAttribute("data-status", "failed");
            assertThat(six.getByTestId("upload-error")).containsText("Too big: an image can be at most");
            assertTrue(erin.failedRequests.stream().anyMatch(r -> r.matches("POST /api/rooms/[^/]+/attachments 413")),
                    "the server refused it: " + erin.failedRequests + " " + erin.consoleErrors);
            assertCleanConsole(REFUSED, erin);
        }
    }

    /**
     * A pasted image and a dropped one (a drop target shows while files are dragged over the chat) go into the tray and
     * leave as one message without text; the other member, on a phone, sees both thumbnails side by side and opens one.
     * axe over the message with images and the viewer at a phone's width.
     */
    @Test
    void pastedAndDroppedImagesGoAsOneMessageWithoutText() {
        Api.Session owner = api.newUser("painter");
        String roomId = api.createRoom(owner, "atelier ");
        try (ChatPage alice = desktop(); ChatPage bob = ChatPage.phone(browsers.browser, baseUrl)) {
            alice.login(owner.username(), ChatPage.PASSWORD).awaitSignedIn();
            alice.page.navigate(baseUrl + "/#/room/" + roomId);
            assertThat(alice.composer()).isVisible();
            bob.register(Api.uniqueName("bob"));
            bob.page.navigate(baseUrl + "/#/room/" + roomId);
            bob.byTestId("join-submit").click();
            assertThat(bob.composer()).isVisible();

            JSHandle pasted = alice.page.evaluateHandle(IMAGE_TRANSFER, Map.of("name", "pasted.png", "width", 320, "height", 240));
            alice.composer().focus();
            Object prevented = alice.page.evaluate("""
                    data => {
                      const event = new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true });
                      document.querySelector('[data-testid=composer-input]').dispatchEvent(event);
                      return event.defaultPrevented;
                    }""", pasted);
            assertEquals(Boolean.TRUE, prevented, "an image pasted is not pasted as text");
            assertThat(alice.uploadItem("pasted.png")).hasAttribute("data-status", "done");

            JSHandle dropped = alice.page.evaluateHandle(IMAGE_TRANSFER, Map.of("name", "dropped.png", "width", 240, "height", 320));
            Locator chat = alice.byTestId("chat-view");
            chat.dispatchEvent("dragenter", Map.of("dataTransfer", dropped));
            assertThat(alice.byTestId("drop-target")).isVisible();
            chat.dispatchEvent("drop", Map.of("dataTransfer", dropped));
            assertThat(alice.byTestId("drop-target")).isHidden();
            assertThat(alice.uploadItem("dropped.png")).hasAttribute("data-status", "done");

            // No text: the images alone are the message.
            assertThat(alice.composer()).hasValue("");
            assertThat(alice.byTestId("composer-send")).isEnabled();
            alice.byTestId("composer-send").click();
            Locator sent = alice.page.locator("[data-testid=message-log] [data-testid=message][data-own=true][data-status=sent]").last();
            assertThat(alice.thumbnails(sent)).hasCount(2);
            assertThat(sent.getByTestId("message-text")).hasCount(0);

            Locator received = bob.messages().last();
            Locator images = bob.thumbnails(received);
            assertThat(images).hasCount(2);
            assertThat(images.nth(0)).hasAttribute("data-state", "loaded");
            assertThat(images.nth(1)).hasAttribute("data-state", "loaded");
            assertThat(images.nth(0)).hasAttribute("alt", "Image from " + owner.username() + ", 320 × 240");
            assertThat(images.nth(1)).hasAttribute("alt", "Image from " + owner.username() + ", 240 × 320");
            assertEquals(List.of(), bob.accessibilityProblems("a message with two images"));
            received.getByTestId("attachment-thumb").nth(1).click();
            Locator full = bob.byTestId("image-viewer").getByTestId("viewer-image");
            assertThat(full).hasAttribute("data-state", "loaded");
            assertEquals(240, ((Number) full.evaluate("img => img.naturalWidth")).intValue());
            assertEquals(320, ((Number) full.evaluate("img => img.naturalHeight")).intValue());
            assertEquals(List.of(), bob.accessibilityProblems("the image viewer"));
            bob.byTestId("image-viewer").getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Close")).click();
            assertThat(bob.byTestId("image-viewer")).hasCount(0);
            assertCleanConsole(TRANSIENT, alice, bob);
        }
    }

    /** DevTools' network conditions: uploads at this many bytes a second (-1: as fast as it goes). */
    static JsonObject network(int uploadBytesPerSecond) {
        JsonObject conditions = new JsonObject();
        conditions.addProperty("offline", false);
        conditions.addProperty("latency", 0);
        conditions.addProperty("downloadThroughput", -1);
        conditions.addProperty("uploadThroughput", uploadBytesPerSecond);
        return conditions;
    }

    /** A server frame with the welcome's limits.maxAttachmentBytes set to `bytes`; other frames as they are. */
    static String withAttachmentLimit(String frame, int bytes) {
        try {
            ObjectNode node = (ObjectNode) JSON.readTree(frame);
            if ("welcome".equals(node.path("type").asText())) {
                node.withObjectProperty("limits").put("maxAttachmentBytes", bytes);
                return JSON.writeValueAsString(node);
            }
            return frame;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("not a JSON frame: " + frame, e);
        }
    }

    /** A PNG of a sky over the sea with a sun and a boat: something to look at. */
    static byte[] picture(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setPaint(new GradientPaint(0, 0, new Color(0x1f2544), 0, height * 0.6f, new Color(0xf59f00)));
        g.fillRect(0, 0, width, (int) (height * 0.6));
        g.setPaint(new GradientPaint(0, height * 0.6f, new Color(0x3b5bdb), 0, height, new Color(0x10121b)));
        g.fillRect(0, (int) (height * 0.6), width, height);
        g.setColor(new Color(0xffd43b));
        int sun = Math.min(width, height) / 5;
        g.fillOval(width / 2 - sun / 2, (int) (height * 0.6) - sun / 2, sun, sun);
        g.setColor(Color.WHITE);
        g.setStroke(new BasicStroke(Math.max(2, width / 200f)));
        int boat = width / 6;
        g.drawLine(width / 5, (int) (height * 0.72), width / 5 + boat, (int) (height * 0.72));
        g.drawLine(width / 5 + boat / 2, (int) (height * 0.72), width / 5 + boat / 2, (int) (height * 0.55));
        g.dispose();
        return png(image);
    }

    /** A PNG of random pixels, which does not compress: a large upload of a small picture. */
    static byte[] noise(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(19);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        return png(image);
    }

    static byte[] png(BufferedImage image) {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
