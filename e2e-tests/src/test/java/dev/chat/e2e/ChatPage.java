package dev.chat.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import com.deque.html.axecore.playwright.AxeBuilder;
import com.deque.html.axecore.results.AxeResults;
import com.deque.html.axecore.results.CheckedNode;
import com.deque.html.axecore.results.Rule;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.FileChooser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Mouse;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.BoundingBox;
import com.microsoft.playwright.options.ColorScheme;
import com.microsoft.playwright.options.FilePayload;

/**
 * One person's browser tab on the web client, driven the way a person would: through labels, buttons and keys.
 * Elements are found by their {@code data-testid}, never by styling. Console errors, page errors and dialogs
 * (an {@code alert} would be one) are recorded for the test to check.
 */
final class ChatPage implements AutoCloseable {

    static final String PASSWORD = "correct horse battery";
    /** axe-core's rules for WCAG 2.0, 2.1 and 2.2 at levels A and AA, and its best practices (landmarks, headings, skip links). */
    static final List<String> AXE_TAGS = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice");
    /** The smallest touch target on a phone, in CSS pixels, both ways (inline text links aside). */
    static final int PHONE_TARGET_PX = 44;
    /** A history page's URL. */
    static final Pattern HISTORY = Pattern.compile("/api/rooms/[^/?]+/messages(\\?|$)");
    /**
     * Focuses every control that Tab reaches and measures its focus ring: the outline's contrast with the background it is
     * drawn on (the nearest opaque background outside the control, or inside it for an inset ring) must be at least 3:1
     * (WCAG 2.2, 1.4.11 non-text contrast). axe-core does not measure focus rings. Returns one line per weak ring.
     */
    static final String WEAK_FOCUS_RINGS = """
            () => {
              const rgb = (css) => {
                const parts = /rgba?\\(([^)]*)\\)/.exec(css)?.[1].split(/[\\s,\\/]+/).filter(Boolean).map(Number);
                return parts ? { r: parts[0], g: parts[1], b: parts[2], a: parts.length > 3 ? parts[3] : 1 } : null;
              };
              const luminance = ({ r, g, b }) => {
                const channel = (c) => (c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
                return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
              };
              const name = (el) => el.tagName.toLowerCase()
                + (el.dataset.testid ? `[data-testid=${el.dataset.testid}]` : `.${el.classList[0] ?? ''}`);
              const weak = [];
              const controls = [...document.querySelectorAll('a[href], button, input, textarea, select, [tabindex]')]
                .filter((el) => el.tabIndex >= 0 && !el.disabled && el.checkVisibility());
              for (const el of controls) {
                el.focus({ preventScroll: true });
                if (document.activeElement !== el) {
                  continue; // inert behind a modal dialog
                }
                const style = getComputedStyle(el);
                if (!el.matches(':focus-visible') || style.outlineStyle === 'none' || parseFloat(style.outlineWidth) < 2) {
                  weak.push(`${name(el)}: no visible focus ring`);
                  continue;
                }
                let behind = null;
                for (let n = parseFloat(style.outlineOffset) < 0 ? el : el.parentElement; n && !behind; n = n.parentElement) {
                  const colour = rgb(getComputedStyle(n).backgroundColor);
                  behind = colour && colour.a > 0 ? colour : null;
                }
                behind ??= { r: 255, g: 255, b: 255 };
                const [high, low] = [luminance(rgb(style.outlineColor)), luminance(behind)].sort((x, y) => y - x);
                const ratio = (high + 0.05) / (low + 0.05);
                if (ratio < 3) {
                  weak.push(`${name(el)}: ${ratio.toFixed(2)}:1, ${style.outlineColor} on rgb(${behind.r}, ${behind.g}, ${behind.b})`);
                }
              }
              document.activeElement?.blur();
              return weak;
            }""";
    /** Visible controls smaller than `min` px either way, but inline text links and radio buttons (their label is the target). */
    static final String SMALL_TARGETS = """
            (min) => [...document.querySelectorAll('a[href], button, input, textarea, select, [tabindex="0"]')]
              .filter((el) => el.checkVisibility() && !el.matches('.link, .skip-link, [type=radio], [type=checkbox]'))
              .map((el) => ({ el, rect: el.getBoundingClientRect() }))
              .filter(({ rect }) => rect.width < min || rect.height < min)
              .map(({ el, rect }) => `${el.tagName.toLowerCase()}[data-testid=${el.dataset.testid ?? ''}].${el.classList[0] ?? ''}`
                + ` ${Math.round(rect.width)} x ${Math.round(rect.height)} px`)""";

    final BrowserContext context;
    final Page page;
    final String baseUrl;
    /** A phone's screen (375 px wide, touch) rather than a desktop's. */
    final boolean phone;
    final List<String> consoleErrors = new CopyOnWriteArrayList<>();
    final List<String> dialogs = new CopyOnWriteArrayList<>();
    /** HTTP answers of 400 and up, to explain the browser's console lines about them. */
    final List<String> failedRequests = new CopyOnWriteArrayList<>();
    /** The history pages the page read (GET /api/rooms/{id}/messages answered 200), as their path and query. */
    final List<String> historyReads = new CopyOnWriteArrayList<>();
    String username;

    private ChatPage(BrowserContext context, String baseUrl, boolean phone) {
        this.context = context;
        this.page = context.newPage();
        this.baseUrl = baseUrl;
        this.phone = phone;
        page.onConsoleMessage(message -> {
            if ("error".equals(message.type())) {
                consoleErrors.add(message.text());
            }
        });
        page.onPageError(error -> consoleErrors.add("page error: " + error));
        page.onResponse(response -> {
            if (response.status() >= 400) {
                failedRequests.add(response.request().method() + " " + response.url().replace(baseUrl, "") + " " + response.status());
            } else if (response.status() == 200 && "GET".equals(response.request().method())
                    && HISTORY.matcher(response.url()).find()) {
                historyReads.add(response.url().replace(baseUrl, ""));
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
        ChatPage tab = new ChatPage(browser.newContext(new Browser.NewContextOptions().setViewportSize(1200, 760)), baseUrl, false);
        beforeLoad.accept(tab.page);
        return tab.ready();
    }

    static ChatPage phone(Browser browser, String baseUrl) {
        return new ChatPage(browser.newContext(new Browser.NewContextOptions().setViewportSize(375, 720)
                .setIsMobile(true).setHasTouch(true).setDeviceScaleFactor(2)), baseUrl, true).ready();
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

    /** A system line (kind "system": joins, leaves, the owner's changes) whose text contains {@code text}. */
    Locator systemLine(String text) {
        return page.locator("[data-testid=message-log] [data-testid=message][data-kind=system]")
                .filter(new Locator.FilterOptions().setHasText(text));
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

    // ---- attachments ----

    /** Attaches files to the next message with the composer's Attach images button, through the file chooser it opens. */
    void attach(FilePayload... files) {
        FileChooser chooser = page.waitForFileChooser(() -> byTestId("composer-attach").click());
        chooser.setFiles(files);
    }

    /** An item of the tray above the composer, by its file's name; {@code data-status}: queued, uploading, done, failed, rejected. */
    Locator uploadItem(String name) {
        return page.locator("[data-testid=upload-item][data-name=\"" + name + "\"]");
    }

    /** The images of a message's thumbnails; {@code data-state} is loaded once one shows. */
    Locator thumbnails(Locator message) {
        return message.getByTestId("attachment-image");
    }

    // ---- reactions ----

    /** A message's reaction chip for one emoji: {@code data-count} is its count, {@code aria-pressed} whether it is one's own. */
    Locator reactionChip(Locator message, String emoji) {
        return message.locator("[data-testid=reaction-chip][data-emoji=\"" + emoji + "\"]");
    }

    /** The reaction picker's button for one emoji. */
    Locator reactionOption(String emoji) {
        return byTestId("reaction-picker").locator("[data-testid=reaction-option][data-emoji=\"" + emoji + "\"]");
    }

    // ---- search ----

    /** Opens the message search from the sidebar and searches for {@code text}; the dialog. */
    Locator search(String text) {
        byTestId("search-open").click();
        Locator dialog = byTestId("search-dialog");
        assertThat(dialog).isVisible();
        byTestId("search-input").fill(text);
        return dialog;
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

    // ---- the shared canvas ----

    /** The open room's canvas: {@code data-seq} is the canvas seq applied, {@code data-strokes} the strokes that show. */
    Locator sketchCanvas() {
        return page.locator("#sketch-canvas");
    }

    /** Opens the open room's canvas with its header button and waits until it is loaded. */
    void openCanvas() {
        page.locator("#sketch-toggle").click();
        assertThat(page.locator("#sketch-panel")).isVisible();
        assertThat(sketchCanvas()).hasAttribute("data-loaded", "true");
    }

    /** Draws a line on the canvas with the mouse, between two points given as fractions of its side (0..1). */
    void drawOnCanvas(double fromX, double fromY, double toX, double toY) {
        BoundingBox box = sketchCanvas().boundingBox();
        page.mouse().move(box.x + box.width * fromX, box.y + box.height * fromY);
        page.mouse().down();
        page.mouse().move(box.x + box.width * toX, box.y + box.height * toY, new Mouse.MoveOptions().setSteps(12));
        page.mouse().up();
    }

    // ---- accessibility ----

    /**
     * What is wrong with the screen as it is now, in the dark and then the light colour scheme (the page is left in the
     * light one, the default): axe-core's violations of {@link #AXE_TAGS}, focus rings under 3:1, and on a phone controls
     * under 44 x 44 px. One line per problem, naming the screen, the scheme and the element; empty when all is well.
     */
    List<String> accessibilityProblems(String screen) {
        List<String> problems = new ArrayList<>();
        for (ColorScheme scheme : List.of(ColorScheme.DARK, ColorScheme.LIGHT)) {
            page.emulateMedia(new Page.EmulateMediaOptions().setColorScheme(scheme));
            String where = (phone ? "phone" : "desktop") + ", " + scheme.name().toLowerCase() + ", " + screen + ": ";
            // Legacy mode runs axe in the page itself: the client has no frames to visit, and it is four times faster than
            // the frame-aware run, which opens a blank page for every analysis.
            AxeResults results = new AxeBuilder(page).withTags(AXE_TAGS).setLegacyMode(true).analyze();
            if (results.isErrored()) {
                problems.add(where + "axe-core failed: " + results.getErrorMessage());
            }
            for (Rule rule : results.getViolations()) {
                for (CheckedNode node : rule.getNodes()) {
                    problems.add(where + rule.getId() + " (" + rule.getImpact() + ") at " + node.getTarget() + ": "
                            + node.getFailureSummary().replace('\n', ' '));
                }
            }
            // A key press first: focus moved by script after it shows its ring as it would for Tab.
            page.keyboard().press("Shift");
            for (Object weak : (List<?>) page.evaluate(WEAK_FOCUS_RINGS)) {
                problems.add(where + "focus ring of " + weak);
            }
            if (phone) {
                for (Object small : (List<?>) page.evaluate(SMALL_TARGETS, PHONE_TARGET_PX)) {
                    problems.add(where + "touch target under " + PHONE_TARGET_PX + " px: " + small);
                }
            }
        }
        return problems;
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
