package dev.chat.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.PlaywrightException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Unit tests of the web client's pure logic ({@code js/logic/}: merging by seq, gaps and resume, unread counts,
 * backoff, limits...), written in JavaScript ({@code e2e-tests/src/test/js/*.test.js}) and run in headless Chromium, so
 * the build needs no Node. Nothing of the chat system runs: a JDK HTTP server on 127.0.0.1 serves the client's files
 * under {@code /app/} and the tests under {@code /test/}; the tests run in a module Worker, where there is no DOM.
 * Each JavaScript test is reported as a test of its own.
 */
class WebClientLogicTest {

    /** Bounded: the tests take well under a second; the rest is room for a loaded machine. */
    static final double RUN_TIMEOUT_MS = 60_000;
    static final Map<String, String> CONTENT_TYPES = Map.of(
            "js", "text/javascript; charset=utf-8",
            "html", "text/html; charset=utf-8",
            "json", "application/json",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml");
    /** The test page, like the app, runs no inline script and loads nothing from elsewhere. */
    static final String CSP = "default-src 'none'; script-src 'self'; connect-src 'self'; img-src 'self'; base-uri 'none'";
    /** What a module imports: {@code from '...'}, {@code import '...'} and {@code import('...')}. */
    static final Pattern IMPORT = Pattern.compile("(?:\\bfrom|\\bimport)\\s*\\(?\\s*['\"]([^'\"]+)['\"]");

    static final Path ROOT = Path.of(System.getProperty("chat.project.root", "..")).toAbsolutePath().normalize();
    static final Path APP = ROOT.resolve("gateway-service/src/main/resources/META-INF/resources");
    static final Path TESTS = ROOT.resolve("e2e-tests/src/test/js");

    @TestFactory
    Stream<DynamicTest> javascriptTests() throws Exception {
        List<Result> results = runInBrowser();
        List<Result> failed = results.stream().filter(r -> !r.ok()).toList();
        System.out.printf("[web client tests] %d passed, %d failed%n", results.size() - failed.size(), failed.size());
        failed.forEach(r -> System.out.printf("[web client tests] FAIL %s > %s: %s%n", r.file(), r.name(), r.message()));
        return results.stream().map(r -> DynamicTest.dynamicTest(r.file() + " > " + r.name(), () -> {
            if (!r.ok()) {
                fail(r.file() + " > " + r.name() + ": " + r.message());
            }
        }));
    }

    /** "Pure" is kept by construction: a logic module imports only other logic modules, never a DOM helper or view. */
    @Test
    void logicModulesImportOnlyEachOther() throws IOException {
        List<String> outside = new ArrayList<>();
        List<Path> modules;
        try (Stream<Path> files = Files.list(APP.resolve("js/logic"))) {
            modules = files.filter(p -> p.toString().endsWith(".js")).sorted().toList();
        }
        assertFalse(modules.isEmpty(), "no modules in " + APP.resolve("js/logic"));
        for (Path module : modules) {
            Matcher matcher = IMPORT.matcher(Files.readString(module));
            while (matcher.find()) {
                String target = matcher.group(1);
                if (!target.startsWith("./") || target.substring(2).contains("/")) {
                    outside.add(module.getFileName() + " imports " + target);
                }
            }
        }
        assertEquals(List.of(), outside, "logic modules must import only from js/logic/");
    }

    private static List<Result> runInBrowser() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/app/", exchange -> serve(exchange, APP, "/app/"));
        server.createContext("/test/manifest.json", WebClientLogicTest::manifest);
        server.createContext("/test/", exchange -> serve(exchange, TESTS, "/test/"));
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        try (BrowserSupport browsers = BrowserSupport.start(ROOT.resolve("e2e-tests/target"));
                BrowserContext context = browsers.browser.newContext()) {
            Page page = context.newPage();
            List<String> pageErrors = new CopyOnWriteArrayList<>();
            page.onPageError(error -> pageErrors.add("page error: " + error));
            page.onConsoleMessage(message -> {
                if ("error".equals(message.type())) {
                    pageErrors.add("console error: " + message.text());
                }
            });
            page.navigate(base + "/test/index.html");
            try {
                page.waitForFunction("() => window.testRun && window.testRun.done", null,
                        new Page.WaitForFunctionOptions().setTimeout(RUN_TIMEOUT_MS));
            } catch (PlaywrightException e) {
                fail("the JavaScript tests did not finish within " + RUN_TIMEOUT_MS + " ms; page says: "
                        + page.locator("#out").textContent() + "; errors: " + pageErrors, e);
            }
            JsonNode run = new ObjectMapper().readTree((String) page.evaluate("() => JSON.stringify(window.testRun)"));
            if (!run.path("error").isNull()) {
                fail("the JavaScript test runner failed: " + run.path("error").asText() + "; errors: " + pageErrors);
            }
            List<Result> results = new ArrayList<>();
            for (JsonNode r : run.path("results")) {
                results.add(new Result(r.path("file").asText(), r.path("name").asText(), r.path("ok").asBoolean(),
                        r.path("message").asText()));
            }
            assertFalse(results.isEmpty(), "the JavaScript runner reported no tests");
            assertEquals(List.of(), pageErrors, "errors on the test page");
            return results;
        } finally {
            server.stop(0);
        }
    }

    /** The *.test.js files, for the runner to import: a new file needs no registration. */
    private static void manifest(HttpExchange exchange) throws IOException {
        List<String> files;
        try (Stream<Path> list = Files.list(TESTS)) {
            files = list.map(p -> p.getFileName().toString()).filter(name -> name.endsWith(".test.js")).sorted().toList();
        }
        send(exchange, 200, "application/json", new ObjectMapper().writeValueAsBytes(files));
    }

    private static void serve(HttpExchange exchange, Path root, String prefix) throws IOException {
        String path = exchange.getRequestURI().getPath();
        Path file = root.resolve(path.substring(prefix.length())).normalize();
        if (!"GET".equals(exchange.getRequestMethod()) || !file.startsWith(root) || !Files.isRegularFile(file)) {
            send(exchange, 404, "text/plain", "not found".getBytes(StandardCharsets.UTF_8));
            return;
        }
        String name = file.getFileName().toString();
        String type = CONTENT_TYPES.getOrDefault(name.substring(name.lastIndexOf('.') + 1), "application/octet-stream");
        send(exchange, 200, type, Files.readAllBytes(file));
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) {
        try (exchange; OutputStream out = exchange.getResponseBody()) {
            exchange.getResponseHeaders().set("Content-Type", type);
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            exchange.getResponseHeaders().set("Content-Security-Policy", CSP);
            exchange.sendResponseHeaders(status, body.length);
            out.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    record Result(String file, String name, boolean ok, String message) {
    }
}
