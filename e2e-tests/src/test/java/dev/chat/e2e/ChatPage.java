package dev.chat.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

/**
 * One person's browser tab on the web client, driven the way a person would: through labels, buttons and keys.
 * Elements are found by their {@code data-testid}, never by styling. Console errors, page errors and dialogs
 * (an {@code alert} would be one) are recorded for the test to check.
 */
final class ChatPage implements AutoCloseable {

    static final String PASSWORD = "correct horse battery";

    final BrowserContext context;
    final Page page;
    final String baseUrl;
    final List<String> consoleErrors = new CopyOnWriteArrayList<>();
    final List<String> dialogs = new CopyOnWriteArrayList<>();
    /** HTTP answers of 400 and up, to explain the browser's console lines about them. */
    final List<String> failedRequests = new CopyOnWriteArrayList<>();
    String username;

    private ChatPage(BrowserContext context, String baseUrl) {
        this.context = context;
        this.page = context.newPage();
        this.baseUrl = baseUrl;
        page.onConsoleMessage(message -> {
            if ("error".equals(message.type())) {
                consoleErrors.add(message.text());
            }
        });
        page.onPageError(error -> consoleErrors.add("page error: " + error));
        page.onResponse(response -> {
            if (response.status() >= 400) {
                failedRequests.add(response.request().method() + " " + response.url().replace(baseUrl, "") + " " + response.status());
            }
        });
        page.onDialog(dialog -> {
            dialogs.add(dialog.type() + ": " + dialog.message());
            dialog.dismiss();
        });
    }

    static ChatPage desktop(Browser browser, String baseUrl) {
        return desktop(browser, baseUrl, page -> {
        });
    }

    /** A desktop tab, with `beforeLoad` applied before the app loads (routes only patch documents loaded after them). */
    static ChatPage desktop(Browser browser, String baseUrl, Consumer<Page> beforeLoad) {
        ChatPage tab = new ChatPage(browser.newContext(new Browser.NewContextOptions().setViewportSize(1200, 760)), baseUrl);
        beforeLoad.accept(tab.page);
        return tab.ready();
    }

    static ChatPage phone(Browser browser, String baseUrl) {
        return new ChatPage(browser.newContext(new Browser.NewContextOptions().setViewportSize(375, 720)
                .setIsMobile(true).setHasTouch(true).setDeviceScaleFactor(2)), baseUrl).ready();
    }

    private ChatPage ready() {
        context.setDefaultTimeout(15_000);
        page.navigate(baseUrl + "/");
        return this;
    }

    Locator byTestId(String id) {
        return page.getByTestId(id);
    }

    Locator connectionState() {
        return byTestId("connection-state");
    }

    // ---- accounts ----

    ChatPage register(String name) {
        this.username = name;
        byTestId("show-register").click();
        byTestId("register-username").fill(name);
        byTestId("register-email").fill(name + "@example.org");
        byTestId("register-password").fill(PASSWORD);
        byTestId("register-submit").click();
        return awaitSignedIn();
    }

    ChatPage login(String name, String password) {
        this.username = name;
        byTestId("login-username").fill(name);
        byTestId("login-password").fill(password);
        byTestId("login-password").press("Enter");
        return this;
    }

    ChatPage awaitSignedIn() {
        assertThat(byTestId("chat-app")).isVisible();
        assertThat(byTestId("current-user")).hasText(username);
        assertThat(connectionState()).hasAttribute("data-state", "online");
        return this;
    }

    // ---- rooms ----

    Locator roomItem(String name) {
        return page.locator("[data-testid=room-item][data-room-name=\"" + name + "\"]");
    }

    Locator dmItem(String peer) {
        return page.locator("[data-testid=dm-item][data-room-name=\"" + peer + "\"]");
    }

    Locator title() {
        return byTestId("room-title");
    }

    void createRoom(String name, String visibility) {
        byTestId("create-room").click();
        Locator dialog = byTestId("create-room-dialog");
        assertThat(dialog).isVisible();
        dialog.getByLabel("Name").fill(name);
        dialog.getByTestId("visibility-" + visibility).check();
        dialog.getByTestId("create-room-submit").click();
        assertThat(dialog).isHidden();
        assertThat(title()).containsText(name);
    }

    void joinPublicRoom(String name) {
        byTestId("browse-rooms").click();
        Locator row = page.locator("[data-testid=public-room][data-room-name=\"" + name + "\"]");
        row.getByTestId("public-room-join").click();
        assertThat(byTestId("browse-dialog")).isHidden();
        assertThat(title()).containsText(name);
        assertThat(roomItem(name)).isVisible();
    }

    void openRoom(String name) {
        roomItem(name).click();
        assertThat(title()).containsText(name);
    }

    /** The room's id, from the open chat. */
    String openRoomId() {
        return byTestId("chat-view").getAttribute("data-room-id");
    }

    // ---- messages ----

    Locator composer() {
        return byTestId("composer-input");
    }

    void send(String text) {
        composer().fill(text);
        composer().press("Enter");
    }

    /** Sends and waits until the server acknowledged it (the message turned from pending to sent). */
    void sendAndAwaitAck(String text) {
        send(text);
        assertThat(ownMessage(text)).hasAttribute("data-status", "sent");
    }

    Locator messages() {
        return page.locator("[data-testid=message-log] [data-testid=message]");
    }

    Locator message(String text) {
        return messages().filter(new Locator.FilterOptions()
                .setHas(page.getByTestId("message-text").getByText(text, new Locator.GetByTextOptions().setExact(true))));
    }

    Locator ownMessage(String text) {
        return message(text).and(page.locator("[data-own=true]"));
    }

    /** Messages the server stored (they have a seq), not the pending ones. */
    Locator confirmedMessages() {
        return page.locator("[data-testid=message-log] [data-testid=message][data-seq]");
    }

    /** The seqs of the messages on screen, top to bottom. */
    @SuppressWarnings("unchecked")
    List<Integer> seqs() {
        return (List<Integer>) page.locator("[data-testid=message-log] [data-testid=message][data-seq]")
                .evaluateAll("items => items.map(item => Number(item.dataset.seq))");
    }

    // ---- people ----

    void startDirectMessage(String peer) {
        byTestId("new-dm").click();
        Locator dialog = byTestId("new-dm-dialog");
        dialog.getByLabel("Find people").fill(peer);
        dialog.locator("[data-testid=user-result][data-username=\"" + peer + "\"]").click();
        assertThat(dialog).isHidden();
        assertThat(title()).containsText(peer);
    }

    Locator onlineUser(String name) {
        return page.locator("[data-testid=online-user][data-username=\"" + name + "\"]");
    }

    Locator member(String name) {
        return page.locator("[data-testid=member][data-username=\"" + name + "\"]");
    }

    Locator button(String accessibleName) {
        return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(accessibleName).setExact(true));
    }

    // ---- evidence ----

    /** Writes the page to target/screenshots/name.png, and a copy within 800 x 600 px to target/screenshots/small/. */
    void screenshot(Path dir, String name) {
        byte[] png = page.screenshot();
        try {
            Files.createDirectories(dir.resolve("small"));
            Files.write(dir.resolve(name + ".png"), png);
            BufferedImage full = ImageIO.read(new ByteArrayInputStream(png));
            double scale = Math.min(1.0, Math.min(800.0 / full.getWidth(), 600.0 / full.getHeight()));
            int width = (int) Math.round(full.getWidth() * scale);
            int height = (int) Math.round(full.getHeight() * scale);
            BufferedImage small = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
            var graphics = small.createGraphics();
            graphics.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            graphics.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            graphics.drawImage(full, 0, 0, width, height, null);
            graphics.dispose();
            ImageIO.write(small, "png", dir.resolve("small").resolve(name + ".png").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Console errors other than the browser's own report of an HTTP status the test provoked on purpose. */
    List<String> unexpectedConsoleErrors(Pattern expected) {
        return consoleErrors.stream().filter(error -> expected == null || !expected.matcher(error).find()).toList();
    }

    @Override
    public void close() {
        context.close();
    }
}
