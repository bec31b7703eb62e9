package dev.chat.e2e;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;

/**
 * Playwright with a headless Chromium. Where the system Chromium is (or can be installed, see {@link SystemChromium})
 * it is the browser and Playwright is told never to download one; elsewhere Playwright uses, and fetches, its own.
 */
final class BrowserSupport implements AutoCloseable {

    /** Quiet, deterministic Chromium: no sandbox (root in CI), no GPU, no background traffic of its own. */
    static final List<String> CHROMIUM_ARGS = List.of("--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync");

    final Playwright playwright;
    final Browser browser;

    private BrowserSupport(Playwright playwright, Browser browser) {
        this.playwright = playwright;
        this.browser = browser;
    }

    static BrowserSupport start(Path buildDir) {
        Optional<Path> system = SystemChromium.findOrInstall(buildDir.resolve("chromium-install.log"));
        Map<String, String> env = new HashMap<>();
        if (system.isPresent()) {
            env.put("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        }
        Playwright playwright = Playwright.create(new Playwright.CreateOptions().setEnv(env));
        try {
            BrowserType.LaunchOptions options = new BrowserType.LaunchOptions().setHeadless(true).setArgs(CHROMIUM_ARGS);
            system.ifPresent(options::setExecutablePath);
            Browser browser = playwright.chromium().launch(options);
            System.out.println("[browser tests] " + (system.isPresent() ? system.get() : "Playwright's chromium") + " "
                    + browser.version());
            return new BrowserSupport(playwright, browser);
        } catch (RuntimeException e) {
            playwright.close();
            throw e;
        }
    }

    @Override
    public void close() {
        try {
            browser.close();
        } finally {
            playwright.close();
        }
    }
}
