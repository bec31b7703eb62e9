package dev.chat.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.chat.deploy.local.FreePorts;
import dev.chat.deploy.local.LocalInfrastructure;
import dev.chat.deploy.local.ServiceProcess;
import dev.chat.deploy.local.ServiceSettings;

/**
 * The system as it runs in production, in miniature: real infrastructure and each service as its own
 * process from its packaged jar. Started once per test JVM, stopped when the JVM ends.
 */
public final class RunningSystem {

    private static RunningSystem instance;

    /**
     * Settings for tests. Presence on a test's time scale: gateways beat every second, an instance silent for 3 s is
     * gone, and a user is offline 1 s after their last connection closes (production: 10 s, 30 s, 5 s).
     */
    private static final Map<String, Map<String, String>> TEST_SETTINGS = Map.of(
            // Every test user registers and logs in from 127.0.0.1: the per-address limits are AuthLimitsTest's.
            // A stopping gateway drains its WebSockets over 1 s instead of 10 (GatewayDrainIT sets its own).
            "gateway-service", Map.of("chat.gateway.presence.heartbeat-interval", "PT1S", "chat.gateway.websocket.drain-window", "PT1S",
                    "chat.gateway.http.auth-limits.register-per-ip.count", "100000",
                    "chat.gateway.http.auth-limits.login-per-ip.count", "100000",
                    "chat.gateway.http.auth-limits.refresh-per-ip.count", "100000"),
            // Tests that fill a room's history send more than a person would; chat-service's own per-user budget is
            // tested by its @QuarkusTests, the gateway's WebSocket budget (unchanged here) by ChatIT. New channels write no
            // system lines, so the seqs a test counts are the messages it sent; the tests of system lines turn them on
            // for their rooms (MessageLifecycleIT, MessageLifecycleBrowserIT), and SystemLinesTest covers the default.
            // Eviction every second.
            "chat-service", Map.of("chat.rooms.limits.sends-per-window", "1000", "chat.rooms.channel-system-lines", "false",
                    "chat.rooms.eviction.interval", "PT1S", "chat.rooms.attachments.sweep-interval", "PT1S"),
            "user-service", Map.of("chat.users.presence.gateway-ttl", "PT3S", "chat.users.presence.offline-grace", "PT1S",
                    "chat.users.presence.sweep-interval", "PT0.25S", "chat.users.refresh-reuse-grace", "PT1S"));

    private final LocalInfrastructure infrastructure;
    /** Every service of the system traces, and exports its spans here (TracingIT). */
    private final TraceSink traces;
    private final Map<String, List<ServiceProcess>> services = new HashMap<>();
    private final Path root;
    private TerminalDoor terminal;
    /** Processes outside {@link #services} that stop with the system. */
    private final List<ServiceProcess> extraProcesses = new ArrayList<>();
    /** Processes started so far, for their log files' names. */
    private int processesStarted;

    private RunningSystem(LocalInfrastructure infrastructure, Path root) throws Exception {
        this.infrastructure = infrastructure;
        this.traces = new TraceSink();
        this.root = root;
    }

    /** Infrastructure plus one instance of every service that exists so far. */
    public static synchronized RunningSystem get() throws Exception {
        if (instance == null) {
            Path root = Path.of(System.getProperty("chat.project.root", "..")).toAbsolutePath().normalize();
            RunningSystem system = new RunningSystem(LocalInfrastructure.startForTests(), root);
            Runtime.getRuntime().addShutdownHook(new Thread(system::stop, "e2e-shutdown"));
            List<ServiceProcess> started = new ArrayList<>();
            for (String name : List.of("user-service", "chat-service", "sketch-service", "gateway-service")) {
                started.add(system.startProcess(name));
            }
            for (ServiceProcess process : started) {
                process.awaitReady(Duration.ofMinutes(2));
            }
            instance = system;
        }
        return instance;
    }

    /** Another instance of a service, e.g. a second gateway; waits until it is ready. */
    public ServiceProcess startAnother(String name) throws Exception {
        return startProcess(name).awaitReady(Duration.ofMinutes(2));
    }

    /** Another gateway with extra settings (short timeouts, say), ready. */
    public synchronized ServiceProcess startGateway(Map<String, String> settings) throws Exception {
        return startProcess("gateway-service", settings).awaitReady(Duration.ofMinutes(2));
    }

    /**
     * A gateway with settings of its own that {@link #gateway(int)} never hands to other tests (a low limit would
     * surprise them); the caller closes it.
     */
    public synchronized ServiceProcess startPrivateGateway(Map<String, String> settings) throws Exception {
        return startPrivateGateway(settings, 0);
    }

    /** A private gateway on {@code port} (0: any free one): in place of one stopped, as a cluster's Service stays put. */
    public synchronized ServiceProcess startPrivateGateway(Map<String, String> settings, int port) throws Exception {
        ServiceProcess process = startProcess("gateway-service", settings, port);
        services.get("gateway-service").remove(process);
        return process.awaitReady(Duration.ofMinutes(2));
    }

    private ServiceProcess startProcess(String name) throws IOException {
        return startProcess(name, Map.of());
    }

    private ServiceProcess startProcess(String name, Map<String, String> settings) throws IOException {
        return startProcess(name, settings, 0);
    }

    private ServiceProcess startProcess(String name, Map<String, String> settings, int port) throws IOException {
        List<ServiceProcess> instances = services.computeIfAbsent(name, n -> new ArrayList<>());
        Path jar = root.resolve(name).resolve("target/quarkus-app/quarkus-run.jar");
        Path log = infrastructure.logDir().resolve(name + "-" + (processesStarted++) + ".log");
        Map<String, String> config = new HashMap<>(infrastructure.configFor(name));
        config.putAll(TEST_SETTINGS.getOrDefault(name, Map.of()));
        if (name.equals("gateway-service") && !services.getOrDefault("chat-service", List.of()).isEmpty()) {
            // Uploads' bytes go to chat-service's HTTP port: the first instance's (the one restart puts first).
            config.put(ServiceSettings.CHAT_SERVICE_URL, service("chat-service").url());
        }
        // Traced, as a cluster runs them: the whole suite goes through the tracing code; spans go to the sink.
        config.put("quarkus.otel.sdk.disabled", "false");
        config.put("quarkus.otel.exporter.otlp.traces.protocol", "http/protobuf");
        config.put("quarkus.otel.exporter.otlp.traces.endpoint", traces.url());
        config.put("quarkus.otel.bsp.schedule.delay", "PT0.5S");
        config.putAll(settings);
        ServiceProcess process = ServiceProcess.start(name, jar, port, config, log,
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");
        instances.add(process);
        return process;
    }

    /** The n-th gateway instance (0 is the first), started if it is not running yet. */
    public synchronized ServiceProcess gateway(int n) throws Exception {
        List<ServiceProcess> gateways = services.get("gateway-service");
        while (gateways.size() <= n) {
            startAnother("gateway-service");
        }
        return gateways.get(n);
    }

    /**
     * Starts a new instance in place of a stopped one, on its HTTP port (the gateways call chat-service's there, for
     * images, as a cluster's Service would keep its address), and waits until it is ready.
     */
    public synchronized ServiceProcess restart(String name) throws Exception {
        ServiceProcess stopped = service(name);
        int port = stopped.isAlive() ? 0 : stopped.port();
        ServiceProcess process = startProcess(name, Map.of(), port).awaitReady(Duration.ofMinutes(2));
        List<ServiceProcess> instances = services.get(name);
        instances.remove(process);
        instances.add(0, process);
        return process;
    }

    public ServiceProcess service(String name) {
        return services.get(name).get(0);
    }

    public String gatewayUrl() {
        return service("gateway-service").url();
    }

    /** A terminal door: its process and the TCP port it listens on. */
    public record TerminalDoor(ServiceProcess process, int port) {
    }

    /** The terminal door in front of the first gateway, started on first use and shared. */
    public synchronized TerminalDoor terminal() throws Exception {
        if (terminal == null) {
            terminal = startTerminal(Map.of());
        }
        return terminal;
    }

    /** A terminal door with settings of its own (a short idle timeout, say), which the caller closes. */
    public synchronized TerminalDoor startTerminal(Map<String, String> settings) throws Exception {
        int port = FreePorts.next();
        Map<String, String> config = new HashMap<>(Map.of("chat.terminal.port", String.valueOf(port),
                "chat.terminal.gateway-url", gatewayUrl()));
        config.putAll(settings);
        ServiceProcess process = startProcess("terminal-gateway", config);
        services.get("terminal-gateway").remove(process);
        extraProcesses.add(process);
        return new TerminalDoor(process.awaitReady(Duration.ofMinutes(2)), port);
    }

    public LocalInfrastructure infrastructure() {
        return infrastructure;
    }

    TraceSink traces() {
        return traces;
    }

    private void stop() {
        // All asked at once, then awaited: their graceful shutdowns overlap instead of queueing.
        extraProcesses.forEach(ServiceProcess::requestStop);
        services.values().forEach(list -> list.forEach(ServiceProcess::requestStop));
        extraProcesses.forEach(ServiceProcess::close);
        services.values().forEach(list -> list.forEach(ServiceProcess::close));
        keepLogs();
        traces.close();
        infrastructure.close();
    }

    /** The services' and broker's logs outlive the throw-away data folder, for reading after a failure. */
    private void keepLogs() {
        Path target = root.resolve("e2e-tests/target/e2e-logs");
        try (var logs = Files.list(infrastructure.logDir())) {
            Files.createDirectories(target);
            for (Path log : logs.toList()) {
                Files.copy(log, target.resolve(log.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            System.err.println("could not keep the logs: " + e);
        }
    }
}
