package dev.chat.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;

/**
 * The README's first command as a new user meets it: {@code ./run-local} prints its URL only once every service can
 * answer, so the first calls after it succeed (a chat call included, which needs chat-service's partitions); a
 * SIGTERM (what Ctrl-C becomes) stops everything in order and gracefully; and a restart on the same data answers at
 * once too (no stale consumer-group members holding partitions).
 */
class LocalRunIT {

    private static final Path ROOT = Path.of(System.getProperty("chat.project.root", "..")).toAbsolutePath().normalize();
    /** Above the launcher's own ordered stop; a service killed after its 20 s grace would overrun it. */
    private static final Duration STOP_BOUND = Duration.ofSeconds(20);
    private static final List<String> SERVICES = List.of("gateway-service", "user-service", "chat-service", "sketch-service");

    private static final String RUNNING = "Chat is running: ";
    /** The last line of what ./run-local prints once everything is up; the lines before it are read after it. */
    private static final String READY = "Press Ctrl-C to stop.";

    private Process running;

    @Test
    void theFirstCallsAfterTheUrlSucceedAndCtrlCStopsEverythingGracefully() throws Exception {
        Path dataDir = Files.createTempDirectory("run-local-");
        int port = freePort();
        String baseUrl = start(dataDir, port, "first");
        Api api = new Api(baseUrl);
        Api.Session alice = api.newUser("runlocal");
        api.as(alice.accessToken()).get("/api/rooms").then().statusCode(200);
        stop(dataDir, "first");

        String again = start(dataDir, port, "second");
        Api restarted = new Api(again);
        var login = restarted.login(alice.username(), "correct horse battery");
        assertEquals(200, login.statusCode(), login.asString());
        restarted.as(login.path("accessToken")).get("/api/rooms").then().statusCode(200);
        stop(dataDir, "second");
        // Kept when the test fails (its logs say why); a passing run leaves nothing behind.
        deleteRecursively(dataDir);
    }

    private static void deleteRecursively(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    @Test
    void aPortThatIsNotANumberGetsOneLineSayingWhatWouldDo() throws Exception {
        Path dataDir = Files.createTempDirectory("run-local-");
        ProcessBuilder builder = new ProcessBuilder(ROOT.resolve("run-local").toString()).directory(ROOT.toFile())
                .redirectErrorStream(true);
        builder.environment().put("CHAT_DATA_DIR", dataDir.toString());
        builder.environment().put("GATEWAY_PORT", "abc");
        Process process = builder.start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "./run-local gave up at once");
        String printed = new String(process.getInputStream().readAllBytes());
        assertEquals(2, process.exitValue(), printed);
        assertEquals("run-local: GATEWAY_PORT must be a port number from 1 to 65535, not 'abc'", printed.strip());
        deleteRecursively(dataDir);
    }

    private String start(Path dataDir, int port, String label) throws Exception {
        Path output = dataDir.resolve("run-local-" + label + ".out");
        ProcessBuilder builder = new ProcessBuilder(ROOT.resolve("run-local").toString())
                .directory(ROOT.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().put("CHAT_DATA_DIR", dataDir.toString());
        builder.environment().put("GATEWAY_PORT", Integer.toString(port));
        int terminalPort = freePort();
        builder.environment().put("TERMINAL_PORT", Integer.toString(terminalPort));
        running = builder.start();
        try {
            // Done when the whole banner is printed (the URL comes first, so waiting for it alone read the file while
            // the lines after it were still being written), or when ./run-local gave up (the assertion below says why).
            await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(250))
                    .until(() -> Files.readString(output).contains(READY) || !running.isAlive());
        } catch (ConditionTimeoutException e) {
            running.destroyForcibly();
            throw new AssertionError("./run-local printed no URL within 4 minutes:\n" + Files.readString(output), e);
        }
        String printed = Files.readString(output);
        if (!printed.contains(READY)) {
            fail("./run-local exited with " + running.exitValue() + ":\n" + printed);
        }
        assertTrue(printed.contains("terminal:  nc 127.0.0.1 " + terminalPort), "the terminal door's port is printed:\n" + printed);
        return printed.substring(printed.indexOf(RUNNING) + RUNNING.length()).lines().findFirst().orElseThrow()
                .replaceAll("/$", "");
    }

    private void stop(Path dataDir, String label) throws Exception {
        long stopping = System.nanoTime();
        running.destroy();
        boolean stopped = running.waitFor(STOP_BOUND.toSeconds(), TimeUnit.SECONDS);
        double seconds = (System.nanoTime() - stopping) / 1e9;
        System.out.printf("[run-local] %s stop took %.1f s%n", label, seconds);
        if (!stopped) {
            running.destroyForcibly();
            fail("./run-local did not stop within " + STOP_BOUND + ":\n"
                    + Files.readString(dataDir.resolve("run-local-" + label + ".out")));
        }
        assertEquals(0, running.exitValue(), "a stop we asked for is a clean end");
        for (String service : SERVICES) {
            String log = Files.readString(dataDir.resolve("logs").resolve(service + ".log"));
            assertTrue(log.contains(service + " stopped in"), service + " stopped gracefully (not killed); its log ends:\n"
                    + log.substring(Math.max(0, log.length() - 2000)));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
